import * as assert from 'node:assert/strict';
import { DiagnosticCodes } from '../../../src/core/validation';
import { chatRequest, coveredText, findings, jsonl, validate, withCode } from './helpers';

const valid = jsonl(chatRequest('a'), chatRequest('b'));

describe('validation rules', () => {
  it('accepts a valid chat batch with no findings', () => {
    const report = validate(valid);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.kind, 'input');
    assert.equal(report.requests, 2);
    assert.equal(report.endpoint, '/v1/chat/completions');
    assert.equal(report.model, 'gpt-4o-mini');
    assert.equal(report.bytes, Buffer.byteLength(valid));
  });

  describe(DiagnosticCodes.invalidJsonLine, () => {
    it('puts the range on the first bad character', () => {
      const text = jsonl(chatRequest('a'), '{"custom_id": "b", "method": POST}');
      const [finding] = withCode(validate(text), 'invalid_json_line');
      assert.equal(finding.line, 1);
      assert.equal(finding.column, '{"custom_id": "b", "method": '.length);
      assert.equal(finding.severity, 'error');
      assert.match(finding.message, /not parseable as valid JSON/);
    });
    it('points at the end of a truncated line', () => {
      const line = '{"custom_id": "b", "method": "POST"';
      const [finding] = withCode(validate(jsonl(line)), 'invalid_json_line');
      assert.equal(finding.column, line.length - 1);
      assert.equal(finding.endColumn, line.length);
    });
    it('is absent for valid JSON', () => assert.deepEqual(withCode(validate(valid), 'invalid_json_line'), []));
  });

  describe(DiagnosticCodes.invalidRequest, () => {
    it('flags JSON that is not an object', () => {
      assert.deepEqual(findings(validate(jsonl(chatRequest('a'), '[1, 2]', '"text"', 'null'))), ['2:invalid_request', '3:invalid_request', '4:invalid_request']);
    });
    it('is absent for objects', () => assert.deepEqual(withCode(validate(valid), 'invalid_request'), []));
  });

  describe(DiagnosticCodes.missingRequiredParameter, () => {
    for (const key of ['custom_id', 'method', 'url', 'body']) {
      it(`names a missing ${key}`, () => {
        const request = chatRequest('a');
        delete request[key];
        const [finding] = withCode(validate(jsonl(request)), 'missing_required_parameter');
        assert.equal(finding.param, key);
      });
    }
    it('names a missing body.model on an endpoint that needs one, on the body key', () => {
      const text = jsonl(chatRequest('a', {}, { model: undefined }));
      const [finding] = withCode(validate(text), 'missing_required_parameter');
      assert.equal(finding.param, 'body.model');
      assert.equal(coveredText(text, finding), '"body"');
    });
    it('does not require a model for moderations', () => {
      const text = jsonl({ custom_id: 'a', method: 'POST', url: '/v1/moderations', body: { input: 'hello' } });
      assert.deepEqual(validate(text).diagnostics, []);
    });
  });

  describe(DiagnosticCodes.invalidCustomId, () => {
    for (const bad of ['', 42, null, ['a']]) {
      it(`flags custom_id ${JSON.stringify(bad)} on its value`, () => {
        const text = jsonl(chatRequest('x', { custom_id: bad }));
        const [finding] = withCode(validate(text), 'invalid_custom_id');
        assert.equal(coveredText(text, finding), JSON.stringify(bad));
      });
    }
    it('accepts a non-empty string', () => assert.deepEqual(withCode(validate(valid), 'invalid_custom_id'), []));
  });

  describe(DiagnosticCodes.duplicateCustomId, () => {
    const text = jsonl(chatRequest('a'), chatRequest('b'), chatRequest('a'), chatRequest('a'));
    it('flags every later occurrence, on the id, with related information at the first', () => {
      const duplicates = withCode(validate(text), 'duplicate_custom_id');
      assert.deepEqual(duplicates.map((d) => d.line), [2, 3]);
      for (const duplicate of duplicates) {
        assert.equal(coveredText(text, duplicate), '"a"');
        assert.equal(duplicate.related?.length, 1);
        assert.equal(duplicate.related?.[0].line, 0);
        assert.equal(coveredText(text, { ...duplicate, ...duplicate.related![0] }), '"a"');
      }
    });
    it('is absent when ids are unique', () => assert.deepEqual(withCode(validate(valid), 'duplicate_custom_id'), []));
  });

  describe(DiagnosticCodes.invalidMethod, () => {
    it('flags a method other than POST on its value', () => {
      const text = jsonl(chatRequest('a', { method: 'GET' }));
      const [finding] = withCode(validate(text), 'invalid_method');
      assert.equal(coveredText(text, finding), '"GET"');
      assert.match(finding.message, /must be "POST"/);
    });
    it('accepts POST', () => assert.deepEqual(withCode(validate(valid), 'invalid_method'), []));
  });

  describe(DiagnosticCodes.invalidUrl, () => {
    it('flags an endpoint the provider does not take, on its value', () => {
      const text = jsonl(chatRequest('a', { url: '/v1/rerank' }));
      const [finding] = withCode(validate(text), 'invalid_url');
      assert.equal(coveredText(text, finding), '"/v1/rerank"');
    });
    it('depends on the provider: Azure takes urls without /v1, generic takes any', () => {
      const text = jsonl(chatRequest('a', { url: '/chat/completions' }));
      assert.equal(withCode(validate(text, 'openai'), 'invalid_url').length, 1);
      assert.deepEqual(validate(text, 'azure').diagnostics, []);
      assert.deepEqual(validate(jsonl(chatRequest('a', { url: '/v1/rerank' })), 'generic').diagnostics, []);
    });
    it('Groq takes only chat completions', () => {
      const text = jsonl({ custom_id: 'a', method: 'POST', url: '/v1/embeddings', body: { model: 'm', input: 'x' } });
      assert.equal(withCode(validate(text, 'groq'), 'invalid_url').length, 1);
      assert.deepEqual(validate(valid, 'groq').diagnostics, []);
    });
  });

  describe(DiagnosticCodes.urlMismatch, () => {
    it('flags a valid url that differs from the first request\'s', () => {
      const embedding = { custom_id: 'c', method: 'POST', url: '/v1/embeddings', body: { model: 'gpt-4o-mini', input: 'x' } };
      const text = jsonl(chatRequest('a'), embedding);
      const [finding] = withCode(validate(text), 'url_mismatch');
      assert.equal(finding.line, 1);
      assert.equal(coveredText(text, finding), '"/v1/embeddings"');
    });
    it('takes the first valid url as the file\'s endpoint', () => {
      const text = jsonl(chatRequest('a', { url: '/bad' }), chatRequest('b'));
      const report = validate(text);
      assert.deepEqual(findings(report), ['1:invalid_url']);
      assert.equal(report.endpoint, '/v1/chat/completions');
    });
  });

  describe(DiagnosticCodes.modelMismatch, () => {
    it('flags a model that differs from the first request\'s, on the model value', () => {
      const text = jsonl(chatRequest('a'), chatRequest('b', {}, { model: 'gpt-4o' }));
      const [finding] = withCode(validate(text), 'model_mismatch');
      assert.equal(finding.line, 1);
      assert.equal(coveredText(text, finding), '"gpt-4o"');
      assert.equal(finding.param, 'body.model');
    });
    it('is absent when every request uses one model', () => assert.deepEqual(withCode(validate(valid), 'model_mismatch'), []));
  });

  describe(DiagnosticCodes.streamingUnsupported, () => {
    it('flags "stream": true on the whole member', () => {
      const text = jsonl(chatRequest('a', {}, { stream: true }));
      const [finding] = withCode(validate(text), 'streaming_unsupported');
      assert.equal(coveredText(text, finding), '"stream":true');
      assert.equal(finding.param, 'body.stream');
    });
    it('sits on the member JSON.parse keeps when the key is repeated', () => {
      const text = jsonl(chatRequest('a', {}, { stream: true })).replace('"stream":true', '"stream":false,"stream":true');
      const [finding] = withCode(validate(text), 'streaming_unsupported');
      assert.equal(coveredText(text, finding), '"stream":true');
    });
    it('accepts "stream": false', () => assert.deepEqual(validate(jsonl(chatRequest('a', {}, { stream: false }))).diagnostics, []));
  });

  describe(DiagnosticCodes.invalidBody, () => {
    const cases: [string, Record<string, unknown>, string, string][] = [
      ['a bad role', { messages: [{ role: 'user', content: 'hi' }, { role: 'robot', content: 'x' }] }, 'body.messages[1].role must be one of system, user, assistant, tool, developer (got "robot")', '"robot"'],
      ['a temperature out of range', { temperature: 3 }, 'body.temperature must be at most 2 (got 3)', '3'],
      ['n below 1', { n: 0 }, 'body.n must be at least 1 (got 0)', '0'],
      ['a wrong type', { max_tokens: 'many' }, 'body.max_tokens must be an integer or null (got "many")', '"many"'],
      ['a missing messages', { messages: undefined }, 'body.messages is missing (/v1/chat/completions requires it)', '"body"'],
      ['empty messages', { messages: [] }, 'body.messages must have at least 1 item', '"messages"'],
      ['a bad content part type', { messages: [{ role: 'user', content: [{ type: 'picture' }] }] }, 'body.messages[0].content[0].type must be one of text, image_url, input_audio, file, refusal (got "picture")', '"picture"'],
      ['a tool message without tool_call_id', { messages: [{ role: 'tool', content: 'x' }] }, 'body.messages[0].tool_call_id is missing (/v1/chat/completions requires it)', '{"role":"tool","content":"x"}'],
      ['a message without a role', { messages: [{ content: 'x' }] }, 'body.messages[0].role is missing (/v1/chat/completions requires it)', '{"content":"x"}'],
      ['a user message without content', { messages: [{ role: 'system', content: 'x' }, { role: 'user' }] }, 'body.messages[1].content is missing (/v1/chat/completions requires it)', '{"role":"user"}'],
    ];
    for (const [name, body, message, covered] of cases) {
      it(`names the property and why: ${name}`, () => {
        const text = jsonl(chatRequest('a', {}, body));
        const found = withCode(validate(text), 'invalid_body');
        assert.equal(found.length, 1, JSON.stringify(validate(text).diagnostics));
        assert.equal(found[0].message, message);
        assert.equal(coveredText(text, found[0]), covered);
      });
    }
    it('accepts an assistant message without content', () => {
      assert.deepEqual(validate(jsonl(chatRequest('a', {}, { messages: [{ role: 'user', content: 'x' }, { role: 'assistant', content: null }] }))).diagnostics, []);
    });
    it('flags a body that is not an object', () => {
      assert.deepEqual(findings(validate(jsonl(chatRequest('a', { body: 'hi' })))), ['1:invalid_body']);
    });
    it('checks embeddings, completions, responses and moderations bodies', () => {
      const line = (url: string, body: unknown) => ({ custom_id: url, method: 'POST', url, body });
      const report = validate(jsonl(line('/v1/embeddings', { model: 'm', input: 5.5 })), 'generic');
      assert.match(report.diagnostics[0].message, /^body\.input must be a string or an array/);
      assert.match(validate(jsonl(line('/v1/completions', { model: 'm' }))).diagnostics[0].message, /body\.prompt is missing/);
      assert.match(validate(jsonl(line('/v1/responses', { model: 'm', input: [{ role: 'bot', content: 'x' }] }))).diagnostics[0].message, /body\.input\[0\]\.role must be one of/);
      assert.match(validate(jsonl(line('/v1/moderations', { input: 3 }))).diagnostics[0].message, /body\.input must be a string or an array/);
    });
    it('allows unknown body fields (providers add their own)', () => {
      assert.deepEqual(validate(jsonl(chatRequest('a', {}, { x_vendor_option: { any: 1 } }))).diagnostics, []);
    });
  });

  describe(DiagnosticCodes.unknownParameter, () => {
    it('warns about an envelope key other than the four, on the key', () => {
      const text = jsonl(chatRequest('a', { model: 'gpt-4o' }));
      const [finding] = withCode(validate(text), 'unknown_parameter');
      assert.equal(finding.severity, 'warning');
      assert.equal(coveredText(text, finding), '"model"');
    });
    it('is absent for the four envelope keys', () => assert.deepEqual(withCode(validate(valid), 'unknown_parameter'), []));
  });

  describe(DiagnosticCodes.blankLine, () => {
    it('warns about blank lines before the last request only', () => {
      const report = validate(jsonl(chatRequest('a'), '', '  ', chatRequest('b'), '', ''));
      assert.deepEqual(findings(report), ['2:blank_line', '3:blank_line']);
      assert.ok(report.diagnostics.every((d) => d.severity === 'warning'));
    });
    it('is absent for trailing blank lines', () => assert.deepEqual(validate(jsonl(chatRequest('a'), '', '')).diagnostics, []));
  });

  describe(DiagnosticCodes.utf8Bom, () => {
    it('warns about a byte-order mark (an error for Azure), on the mark', () => {
      const text = `\uFEFF${valid}`;
      const [finding] = validate(text).diagnostics;
      assert.deepEqual({ code: finding.code, severity: finding.severity, line: finding.line, column: finding.column }, { code: 'utf8_bom', severity: 'warning', line: 0, column: 0 });
      assert.equal(validate(text, 'azure').diagnostics[0].severity, 'error');
      assert.equal(validate(text).requests, 2);
    });
    it('is absent without one', () => assert.deepEqual(withCode(validate(valid), 'utf8_bom'), []));
  });

  describe(DiagnosticCodes.customIdTooLong, () => {
    it('warns above 64 characters', () => {
      const [finding] = validate(jsonl(chatRequest('x'.repeat(65)))).diagnostics;
      assert.equal(finding.code, 'custom_id_too_long');
      assert.equal(finding.severity, 'warning');
    });
    it('accepts 64', () => assert.deepEqual(validate(jsonl(chatRequest('x'.repeat(64)))).diagnostics, []));
  });

  describe(DiagnosticCodes.emptyBatch, () => {
    for (const [name, text] of [['an empty file', ''], ['blank lines', '\n  \n\n']]) {
      it(`flags ${name} on line 1`, () => assert.deepEqual(findings(validate(text)), ['1:empty_batch']));
    }
    it('is absent with a request', () => assert.deepEqual(withCode(validate(valid), 'empty_batch'), []));
  });

  describe(DiagnosticCodes.tooManyTasks, () => {
    const lines = (count: number) => Array.from({ length: count }, (_, index) => `{"custom_id":"r${index}","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"x"}]}}`).join('\n');
    it('flags the first request over OpenAI\'s 50,000', () => {
      assert.deepEqual(findings(validate(lines(50_001))), ['50001:too_many_tasks']);
    });
    it('accepts 50,000 for OpenAI and 50,001 for Azure', () => {
      assert.deepEqual(validate(lines(50_000)).diagnostics, []);
      assert.deepEqual(validate(lines(50_001), 'azure').diagnostics, []);
    });
  });

  describe(DiagnosticCodes.tooManyInputs, () => {
    const line = (id: number, inputs: number) => JSON.stringify({ custom_id: `r${id}`, method: 'POST', url: '/v1/embeddings', body: { model: 'm', input: Array(inputs).fill('x') } });
    it('flags the request that takes embeddings past 50,000 inputs', () => {
      const text = [line(0, 2000), ...Array.from({ length: 24 }, (_, index) => line(index + 1, 2000)), line(25, 1)].join('\n');
      assert.deepEqual(findings(validate(text)), ['26:too_many_inputs']);
    });
    it('accepts exactly 50,000', () => {
      const text = Array.from({ length: 25 }, (_, index) => line(index, 2000)).join('\n');
      assert.deepEqual(validate(text).diagnostics, []);
    });
  });

  describe(DiagnosticCodes.fileTooLarge, () => {
    const big = (megabytes: number) => {
      const padding = 'x'.repeat(1024 * 1024 - 200);
      return Array.from({ length: megabytes }, (_, index) => JSON.stringify(chatRequest(`r${index}`, {}, { user: padding }))).join('\n');
    };
    it('flags Groq files over 100 MB on the line that passes the limit', function () {
      this.timeout(60_000);
      const report = validate(big(101), 'groq');
      const found = withCode(report, 'file_too_large');
      assert.equal(found.length, 1);
      assert.ok(found[0].line >= 99 && found[0].line <= 100, String(found[0].line));
      assert.deepEqual(validate(big(99), 'groq').diagnostics, []);
    });
  });

  describe(DiagnosticCodes.invalidOutputLine, () => {
    const output = (extra: Record<string, unknown>) => ({ id: 'batch_req_1', custom_id: 'a', response: { status_code: 200, request_id: 'r', body: {} }, error: null, ...extra });
    it('recognises output files and checks their lines leniently', () => {
      const report = validate(jsonl(output({}), output({ custom_id: 'b', response: null, error: { code: 500, message: 'x' }, x_groq: {} })));
      assert.equal(report.kind, 'output');
      assert.deepEqual(report.diagnostics, []);
    });
    it('flags a result line of the wrong shape, and gives output files no input findings', () => {
      const report = validate(jsonl(output({}), output({ custom_id: 'b', response: { status_code: 'ok' } }), output({ custom_id: 'a' })));
      assert.deepEqual(findings(report), ['2:invalid_output_line']);
    });
  });
});
