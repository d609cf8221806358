import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { joinResultsByCustomId } from '../../../src/core/results';
import { validateBatchFile } from '../../../src/core/validation';
import { chatRequest, findings, jsonl, repoRoot, validate } from '../validation/helpers';

const fixtures = path.join(repoRoot, 'test/fixtures/dialects/gemini');

type Json = Record<string, unknown>;

function gemini(key: unknown, request: Json = {}, envelope: Json = {}): Json {
  return { key, request: { contents: [{ role: 'user', parts: [{ text: `Hello ${String(key)}` }] }], ...request }, ...envelope };
}

describe('Gemini dialect: validation', () => {
  for (const name of readdirSync(fixtures).filter((file) => file.endsWith('.batch.jsonl'))) {
    it(`accepts the documented example ${name}`, async () => {
      const report = await validateBatchFile(path.join(fixtures, name), { provider: 'openai' });
      assert.deepEqual(report.diagnostics, []);
      assert.equal(report.dialect, 'gemini');
      assert.equal(report.kind, 'input');
      assert.equal(report.endpoint, 'generateContent');
      assert.equal(report.requests, 2);
    });
  }

  it('reads the documented responses file as results, not requests, and joins it to its input by key', async () => {
    const results = path.join(fixtures, 'batch-guide-results.jsonl');
    const report = await validateBatchFile(results, { provider: 'openai' });
    assert.equal(report.kind, 'output');
    assert.deepEqual(report.diagnostics, []);
    const join = await joinResultsByCustomId(path.join(fixtures, 'batch-guide-input-file.batch.jsonl'), results);
    assert.deepEqual(
      join.results.map((result) => [result.customId, result.status, result.statusCode, result.errorCode]),
      [['request-1', 'succeeded', undefined, undefined], ['request-2', 'failed', 400, 'invalid_argument']],
    );
    assert.match(join.results[0].text, /^Photosynthesis is the process/);
    assert.deepEqual([join.results[0].usage.prompt, join.results[0].usage.completion], [7, 20]);
    assert.equal(join.results[0].model, 'gemini-2.5-flash');
  });

  it('requires a unique, non-empty string key', () => {
    const text = jsonl(gemini('a'), gemini('a'), gemini(''), gemini(7), { request: gemini('x').request });
    assert.deepEqual(findings(validate(text)), ['2:duplicate_custom_id', '3:invalid_custom_id', '4:invalid_custom_id', '5:missing_required_parameter']);
  });

  it('checks request against generateContent: contents required and non-empty, roles user/model, parts, generation config ranges', () => {
    const text = jsonl(
      { key: 'a', request: {} },
      gemini('b', { contents: [] }),
      gemini('c', { contents: [{ role: 'assistant', parts: [{ text: 'x' }] }] }),
      gemini('d', { contents: [{ role: 'user', parts: [{}] }] }),
      gemini('e', { generationConfig: { temperature: 3 } }),
      gemini('f', { generation_config: { max_output_tokens: 0 } }),
      { key: 'g' },
    );
    const report = validate(text);
    assert.deepEqual(findings(report), ['1:missing_required_parameter', '2:invalid_body', '3:invalid_body', '4:invalid_body', '5:invalid_body', '6:invalid_body', '7:missing_required_parameter']);
    assert.deepEqual(report.diagnostics.slice(0, 3).map((d) => d.param), ['request.contents', 'request.contents', 'request.contents[0].role']);
  });

  it('warns about an envelope member other than key and request', () => {
    const report = validate(jsonl(gemini('a', {}, { metadata: { x: 1 } })));
    assert.deepEqual(report.diagnostics.map((d) => [d.code, d.severity]), [['unknown_parameter', 'warning']]);
  });

  it('flags a line of another dialect in the file', () => {
    assert.deepEqual(findings(validate(jsonl(gemini('a'), chatRequest('b')))), ['2:dialect_mismatch']);
  });

  it('applies Gemini limits whatever the OpenAI provider setting: no request count limit', () => {
    const lines = Array.from({ length: 50_001 }, (_unused, index) => JSON.stringify(gemini(`r${index}`)));
    assert.deepEqual(validate(lines.join('\n')).diagnostics, []);
  });
});
