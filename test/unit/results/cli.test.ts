import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { chatRequest, chatResult, fixtures, jsonl, repoRoot, useTempDir } from './helpers';

const cli = path.join(repoRoot, 'dist', 'cli.js');
const input = path.join(fixtures, 'mixed.batch.jsonl');
const output = path.join(fixtures, 'mixed.results.jsonl');
const errors = path.join(fixtures, 'mixed.errors.jsonl');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'results', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('batch-studio results (CLI)', () => {
  const temp = useTempDir();
  before(() => {
    // The unit runner builds dist/ first.
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run node esbuild.mjs`);
  });

  it('exits 0 when every request succeeded', () => {
    const okInput = temp.write('ok.batch.jsonl', jsonl(chatRequest('a'), chatRequest('b')));
    const okOutput = temp.write('ok.results.jsonl', jsonl(chatResult('b', 'B'), chatResult('a', 'A')));
    const { code, stdout, stderr } = run(okInput, okOutput);
    assert.equal(code, 0);
    assert.equal(stderr, '');
    assert.match(stdout, /^2 requests: 2 succeeded \(100\.0%\), 0 failed, 0 missing\n/);
    assert.doesNotMatch(stdout, /failures:/);
  });

  it('exits 1 and lists the failures when any request failed or is missing', () => {
    const { code, stdout } = run(input, output, errors);
    assert.equal(code, 1);
    assert.match(stdout, /^6 requests: 2 succeeded \(33\.3%\), 3 failed, 1 missing\n/);
    assert.match(stdout, /\n {2}line 4 q3: failed 400: invalid_request_error: This model's/);
    assert.match(stdout, /\n {2}line 5 q4: failed: batch_expired: /);
    assert.match(stdout, /\n {2}line 7 q6: missing: no result\n/);
    assert.match(stdout, /cost: [\d.]+ USD \(Batch API/);
  });

  it('prints the JSON contract: one entry per input line, in input order, 1-based lines', () => {
    const { code, stdout } = run(input, output, errors, '--format', 'json');
    assert.equal(code, 1);
    const json = JSON.parse(stdout);
    assert.deepEqual(Object.keys(json), ['total', 'succeeded', 'failed', 'missing', 'duplicates', 'unknown', 'results']);
    assert.deepEqual([json.total, json.succeeded, json.failed, json.missing, json.duplicates, json.unknown], [6, 2, 3, ['q6'], ['q1'], ['zz']]);
    assert.deepEqual(json.results[2], { line: 4, custom_id: 'q3', status: 'failed', status_code: 400, error_code: 'invalid_request_error', text: "invalid_request_error: This model's maximum context length is 8192 tokens." });
    assert.deepEqual(json.results[5], { line: 7, custom_id: 'q6', status: 'missing', status_code: null, error_code: null, text: '' });
    assert.deepEqual(json.results.map((result: { line: number }) => result.line), [1, 2, 4, 5, 6, 7]);
  });

  it('prints CSV', () => {
    const { code, stdout } = run(input, output, errors, '--format', 'csv');
    assert.equal(code, 1);
    assert.match(stdout, /^line,custom_id,status,/);
    assert.equal(stdout.split('\r\n').length, 8);
  });

  it('exits 2 with one line and no stack trace for a missing file, a bad option or a bad price file', () => {
    const missing = run(input, temp.path('nope.jsonl'));
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, `batch-studio results: ${temp.path('nope.jsonl')} does not exist\n`);
    assert.equal(missing.stdout, '');
    assert.equal(run(input).code, 2);
    assert.equal(run(input, output, '--format', 'xml').code, 2);
    const badPrices = temp.write('prices.json', '{"models": {"gpt-4o": {"input": -1}}}');
    const priced = run(input, output, '--prices', badPrices);
    assert.equal(priced.code, 2);
    assert.equal(priced.stderr.trim().split('\n').length, 1);
    assert.match(priced.stderr, /models\["gpt-4o"\]\.input must be a number ≥ 0/);
    assert.equal(run(input, output, '--discount', 'none').code, 2);
  });
});
