import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { convertBatchFile } from '../../../src/core/convert';
import { validateBatchFile } from '../../../src/core/validation';
import { runCli } from '../cli/support';
import { tempDirPerTest } from '../emulator/support';

type Json = Record<string, unknown>;

function writeLines(folder: string, name: string, lines: Json[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
  return file;
}

function readLines(file: string): Json[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Json);
}

const chat = (id: string, body: Json): Json => ({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body });

describe('convert: chat batch files between OpenAI, Anthropic and Gemini', () => {
  const temp = tempDirPerTest('convert-');

  it('OpenAI → Anthropic: the system message goes to params.system, max_tokens is required, temperature fits 0..1, OpenAI-only parameters are listed', async () => {
    const input = writeLines(temp.path, 'chat.batch.jsonl', [
      chat('a', { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Bye' }], max_tokens: 50, temperature: 0.2, stop: 'END' }),
      chat('b', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], temperature: 1.5, logprobs: true, n: 2 }),
    ]);
    const result = await convertBatchFile(input, 'anthropic', { model: 'claude-haiku-4-5' });
    assert.equal(result.outPath, path.join(temp.path, 'chat.anthropic.batch.jsonl'));
    assert.deepEqual([result.converted, result.skipped], [2, 0]);
    assert.deepEqual(readLines(result.outPath), [
      { custom_id: 'a', params: { model: 'claude-haiku-4-5', max_tokens: 50, system: 'Be terse.', messages: [{ role: 'user', content: 'Hi' }, { role: 'assistant', content: 'Hello' }, { role: 'user', content: 'Bye' }], temperature: 0.2, stop_sequences: ['END'] } },
      { custom_id: 'b', params: { model: 'claude-haiku-4-5', max_tokens: 1024, messages: [{ role: 'user', content: 'Hi' }], temperature: 1 } },
    ]);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.param, diagnostic.severity]),
      [[1, 'body.logprobs', 'warning'], [1, 'body.n', 'warning'], [1, 'params.max_tokens', 'warning'], [1, 'params.temperature', 'warning']],
    );
    assert.match(result.diagnostics[2].message, /set to 1024: Anthropic requires it/);
    const report = await validateBatchFile(result.outPath, { provider: 'openai' });
    assert.deepEqual(report.diagnostics, [], 'the new file is a valid Anthropic batch');
  });

  it('OpenAI → Gemini: roles user/model, system instruction, generation config, images inline; tool messages and image URLs are listed', async () => {
    const input = writeLines(temp.path, 'tools.batch.jsonl', [
      chat('q-1', {
        model: 'gpt-4o',
        messages: [
          { role: 'developer', content: 'Answer in French.' },
          { role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } }, { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } }] },
          { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } }] },
          { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
          { role: 'assistant', content: 'Un chat.' },
        ],
        max_completion_tokens: 100,
        top_p: 0.9,
      }),
    ]);
    const result = await convertBatchFile(input, 'gemini');
    assert.deepEqual(readLines(result.outPath), [
      {
        key: 'q-1',
        request: {
          systemInstruction: { parts: [{ text: 'Answer in French.' }] },
          contents: [
            { role: 'user', parts: [{ text: 'What is this?' }, { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } }] },
            { role: 'model', parts: [{ text: 'Un chat.' }] },
          ],
          generationConfig: { topP: 0.9, maxOutputTokens: 100 },
        },
      },
    ]);
    assert.deepEqual(
      result.diagnostics.map((diagnostic) => [diagnostic.param, diagnostic.message]),
      [
        ['body.messages[2]', 'body.messages[2] (an assistant message with only tool calls) is not carried over: tool calls do not convert'],
        ['body.messages[3]', 'body.messages[3] (a tool message) is not carried over: tool results do not convert'],
        ['request', 'The model "gpt-4o" is not carried over: a Gemini batch runs on its profile\'s model'],
        ['request.contents[0].parts', 'An image by URL (turn 1, part 3) is not carried over: Gemini takes images inline or through the File API'],
      ],
    );
    assert.deepEqual((await validateBatchFile(result.outPath, { provider: 'openai' })).diagnostics, []);
  });

  it('Gemini → OpenAI and Anthropic → OpenAI: key becomes custom_id, the model comes from --model, the result validates', async () => {
    const gemini = writeLines(temp.path, 'g.batch.jsonl', [
      { key: 'k1', request: { systemInstruction: { parts: [{ text: 'Be brief.' }] }, contents: [{ parts: [{ text: 'Why is the sky blue?' }] }], generationConfig: { temperature: 0.3, maxOutputTokens: 64, responseMimeType: 'application/json' }, safetySettings: [] } },
    ]);
    const fromGemini = await convertBatchFile(gemini, 'openai', { model: 'gpt-4o-mini' });
    assert.deepEqual(readLines(fromGemini.outPath), [
      { custom_id: 'k1', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'Why is the sky blue?' }], max_completion_tokens: 64, temperature: 0.3 } },
    ]);
    assert.deepEqual(fromGemini.diagnostics.map((diagnostic) => diagnostic.param), ['request.safetySettings', 'request.generationConfig.responseMimeType']);

    const claude = writeLines(temp.path, 'c.batch.jsonl', [
      { custom_id: 'c1', params: { model: 'claude-haiku-4-5', max_tokens: 10, system: [{ type: 'text', text: 'Be brief.' }], messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }] }], top_k: 5 } },
    ]);
    const fromClaude = await convertBatchFile(claude, 'openai');
    assert.deepEqual(readLines(fromClaude.outPath), [
      { custom_id: 'c1', method: 'POST', url: '/v1/chat/completions', body: { model: 'claude-haiku-4-5', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: [{ type: 'text', text: 'Hi' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png' } }] }], max_completion_tokens: 10 } },
    ]);
    assert.deepEqual(fromClaude.diagnostics.map((diagnostic) => diagnostic.param), ['params.top_k', 'body.model']);
    assert.match(fromClaude.diagnostics[1].message, /kept from the anthropic request: set a model the target serves/);
  });

  it('leaves out lines that are not chat requests, says so on line 1, and names the next free file', async () => {
    const input = writeLines(temp.path, 'mixed.batch.jsonl', [
      chat('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }] }),
      { custom_id: 'e', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'x' } },
    ]);
    const first = await convertBatchFile(input, 'anthropic', { model: 'claude-haiku-4-5' });
    assert.deepEqual([first.converted, first.skipped], [1, 1]);
    assert.deepEqual(first.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').map((diagnostic) => [diagnostic.line, diagnostic.message]), [
      [0, 'Input line 2 is not in the new file: it goes to /v1/embeddings: only chat completions and responses requests convert'],
    ]);
    const second = await convertBatchFile(input, 'anthropic', { model: 'claude-haiku-4-5' });
    assert.equal(second.outPath, path.join(temp.path, 'mixed.anthropic-2.batch.jsonl'));
  });

  it('batch-studio convert: the new file last, exit 0; 1 when a line was left out; 2 for a missing file; --format json', async () => {
    const input = writeLines(temp.path, 'cli.batch.jsonl', [chat('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], seed: 1 })]);
    const out = path.join(temp.path, 'out.jsonl');
    const converted = await runCli(['convert', input, '--to', 'gemini', '--out', out], {});
    assert.equal(converted.code, 0, converted.stderr);
    const lines = converted.stdout.trim().split('\n');
    assert.equal(lines.at(-1), out);
    assert.equal(lines[0], `${out}:1:1: warning not_carried_over: body.seed is not carried over: the target API has no such parameter`);

    const json = await runCli(['convert', input, '--to', 'anthropic', '--format', 'json'], {});
    assert.equal(json.code, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as { to: string; converted: number; skipped: number; diagnostics: Array<{ line: number; param: string }> };
    assert.deepEqual([parsed.to, parsed.converted, parsed.skipped], ['anthropic', 1, 0]);
    assert.deepEqual(parsed.diagnostics.map((diagnostic) => [diagnostic.line, diagnostic.param]), [[1, 'body.seed'], [1, 'params.model'], [1, 'params.max_tokens']]);

    const embeddings = writeLines(temp.path, 'emb.batch.jsonl', [{ custom_id: 'e', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'x' } }]);
    assert.equal((await runCli(['convert', embeddings, '--to', 'gemini'], {})).code, 1);
    const missing = await runCli(['convert', path.join(temp.path, 'nope.jsonl'), '--to', 'openai'], {});
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr.trim().split('\n').length, 1);
    assert.equal((await runCli(['convert', input, '--to', 'cohere'], {})).code, 2, 'an unknown format is a usage error');
  });
});
