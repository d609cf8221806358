import * as assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { validateBatchFile, validateBatchText } from '../../../src/core/validation';
import { chatRequest, findings, jsonl, repoRoot, validate, withCode } from '../validation/helpers';

const fixtures = path.join(repoRoot, 'test/fixtures/dialects/anthropic');

type Json = Record<string, unknown>;

function claude(id: string, params: Json = {}, envelope: Json = {}): Json {
  return { custom_id: id, params: { model: 'claude-haiku-4-5', max_tokens: 512, messages: [{ role: 'user', content: `Hello ${id}` }], ...params }, ...envelope };
}

describe('Anthropic dialect: validation', () => {
  for (const name of readdirSync(fixtures).filter((file) => file.endsWith('.batch.jsonl'))) {
    it(`accepts the documented example ${name}`, async () => {
      const report = await validateBatchFile(path.join(fixtures, name), { provider: 'openai' });
      assert.deepEqual(report.diagnostics, []);
      assert.equal(report.dialect, 'anthropic');
      assert.equal(report.kind, 'input');
      assert.equal(report.endpoint, '/v1/messages');
      assert.ok(report.requests >= 1);
    });
  }

  it('reads the documented results file as results, not requests', async () => {
    const report = await validateBatchFile(path.join(fixtures, 'guide-results.jsonl'), { provider: 'openai' });
    assert.equal(report.kind, 'output');
    assert.deepEqual(report.diagnostics, []);
  });

  it('checks custom_id against ^[a-zA-Z0-9_-]{1,64}$ and uniqueness', () => {
    const text = jsonl(claude('ok-1'), claude('has space'), claude('x'.repeat(65)), claude('ok-1'), { ...claude('a'), custom_id: 7 });
    assert.deepEqual(findings(validate(text)), ['2:invalid_custom_id', '3:invalid_custom_id', '4:duplicate_custom_id', '5:invalid_custom_id']);
    assert.match(withCode(validate(text), 'invalid_custom_id')[0].message, /1 to 64 letters, digits/);
  });

  it('requires max_tokens, model and messages in params', () => {
    const text = jsonl(claude('a', { max_tokens: undefined }), claude('b', { model: undefined }), claude('c', { messages: undefined }));
    const report = validate(text);
    assert.deepEqual(findings(report), ['1:missing_required_parameter', '2:missing_required_parameter', '3:missing_required_parameter']);
    assert.deepEqual(report.diagnostics.map((d) => d.param), ['params.max_tokens', 'params.model', 'params.messages']);
  });

  it('checks params against the Messages API schema: roles, max_tokens ≥ 1, system blocks, streaming', () => {
    const text = jsonl(
      claude('a', { messages: [{ role: 'system', content: 'x' }] }),
      claude('b', { max_tokens: 0 }),
      claude('c', { system: [{ type: 'text' }] }),
      claude('d', { stream: true }),
      claude('e', {}, { method: 'POST' }),
    );
    const report = validate(text);
    assert.deepEqual(findings(report), ['1:invalid_body', '2:invalid_body', '3:invalid_body', '4:streaming_unsupported', '5:unknown_parameter']);
    assert.equal(report.diagnostics[0].param, 'params.messages[0].role');
  });

  it('lets one batch mix models (Anthropic allows it) and reports no url or method', () => {
    const report = validate(jsonl(claude('a'), claude('b', { model: 'claude-sonnet-4-5' })));
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.model, 'claude-haiku-4-5');
  });

  it('flags a line of another dialect in the file', () => {
    assert.deepEqual(findings(validate(jsonl(claude('a'), chatRequest('b')))), ['2:dialect_mismatch']);
    assert.deepEqual(findings(validate(jsonl(chatRequest('a'), claude('b')))), ['2:dialect_mismatch']);
  });

  it('applies Anthropic limits whatever the OpenAI provider setting: 100,000 requests', () => {
    const lines = Array.from({ length: 100_001 }, (_unused, index) => JSON.stringify(claude(`r${index}`)));
    const report = validate(lines.join('\n'), 'groq');
    assert.deepEqual(findings(report), ['100001:too_many_tasks']);
    assert.match(report.diagnostics[0].message, /100000 requests, the most Anthropic takes/);
  });

  it('uses the dialect set for the file even when a line looks like another', () => {
    const report = validateBatchText(jsonl(chatRequest('a')), { provider: 'openai', dialect: 'anthropic' });
    assert.equal(report.dialect, 'anthropic');
    assert.deepEqual(findings(report), ['1:missing_required_parameter', '1:unknown_parameter', '1:unknown_parameter', '1:unknown_parameter']);
  });

  it('reads a line that names no dialect (only a custom_id) in the file\'s dialect', () => {
    const report = validate(jsonl(claude('a'), { custom_id: 'b' }));
    assert.deepEqual(report.diagnostics.map((d) => d.param), ['params']);
  });
});
