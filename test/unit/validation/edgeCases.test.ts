import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { validateBatchFile, validateBatchText, type BatchFileReport } from '../../../src/core/validation';
import { chatRequest, findings, jsonl } from './helpers';

const options = { provider: 'openai' } as const;
const line = (id: string) => JSON.stringify(chatRequest(id));

describe('validation edge cases (text and streamed file agree)', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'batch-validation-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  /** Validates the bytes as a file and (decoded) as text; asserts both agree and returns the file's. */
  async function both(name: string, bytes: Buffer | string): Promise<BatchFileReport> {
    const file = path.join(dir, name);
    writeFileSync(file, bytes);
    const fromFile = await validateBatchFile(file, options);
    const fromText = validateBatchText(Buffer.from(bytes).toString('utf8'), options);
    assert.deepEqual(fromText, fromFile);
    return fromFile;
  }

  it('an empty file: empty_batch on line 1', async () => {
    assert.deepEqual(findings(await both('empty.jsonl', '')), ['1:empty_batch']);
  });

  it('a file of whitespace: empty_batch only', async () => {
    assert.deepEqual(findings(await both('blank.jsonl', ' \n\t\n\r\n  ')), ['1:empty_batch']);
  });

  it('CRLF and mixed line endings: columns exclude the \\r, bytes count it', async () => {
    const text = `${line('a')}\r\n${line('b')}\n${line('a')}\r\n`;
    const report = await both('mixed.jsonl', text);
    assert.deepEqual(findings(report), ['3:duplicate_custom_id']);
    assert.equal(report.bytes, Buffer.byteLength(text));
    assert.equal(report.requests, 3);
  });

  it('no final newline', async () => {
    const report = await both('no-eol.jsonl', `${line('a')}\n${line('b')}`);
    assert.deepEqual(report.diagnostics, []);
    assert.equal(report.requests, 2);
  });

  it('a byte-order mark: one warning, the first request still parses', async () => {
    const report = await both('bom.jsonl', `\uFEFF${jsonl(chatRequest('a'))}`);
    assert.deepEqual(findings(report), ['1:utf8_bom']);
    assert.equal(report.requests, 1);
  });

  it('invalid UTF-8 in a file: invalid_json_line at the bad bytes', async () => {
    const bytes = Buffer.concat([Buffer.from(`${line('a')}\n{"custom_id": "`), Buffer.from([0xff, 0xfe]), Buffer.from('"}\n')]);
    const file = path.join(dir, 'latin1.jsonl');
    writeFileSync(file, bytes);
    const report = await validateBatchFile(file, options);
    assert.deepEqual(findings(report), ['2:invalid_json_line']);
    assert.equal(report.diagnostics[0].column, '{"custom_id": "'.length);
    assert.match(report.diagnostics[0].message, /UTF-8/);
  });

  it('NUL bytes: invalid_json_line on the NUL', async () => {
    const report = await both('nul.jsonl', `${line('a')}\n{"custom_id": \u0000"b"}\n`);
    assert.deepEqual(findings(report), ['2:invalid_json_line']);
    assert.equal(report.diagnostics[0].column, '{"custom_id": '.length);
  });

  it('a 20 MB line', async function () {
    this.timeout(30_000);
    const long = JSON.stringify(chatRequest('big', {}, { messages: [{ role: 'user', content: 'x'.repeat(20 * 1024 * 1024) }] }));
    const report = await both('long.jsonl', `${line('a')}\n${long}\n${long.slice(0, -1)}\n`);
    // 20 MB of text is far over gpt-4o-mini's context window; counting it stays fast (no quadratic word).
    assert.deepEqual(findings(report), ['2:context_length_exceeded', '3:invalid_json_line']);
  });

  it('nesting 100,000 deep: no stack overflow, findings stay on the line', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const inBody = JSON.stringify(chatRequest('a', {}, { messages: [{ role: 'user', content: 'x' }], extra: 0 })).replace('"extra":0', `"extra":${deep}`);
    const unclosed = `{"custom_id": "b", "body": ${'{"a":'.repeat(100_000)}`;
    const report = await both('deep.jsonl', `${inBody}\n${deep}\n${unclosed}\n`);
    assert.deepEqual(findings(report), ['2:invalid_request', '3:invalid_json_line']);
  });
});
