import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chatRequest, jsonl, repoRoot } from './helpers';

const cli = path.join(repoRoot, 'dist', 'cli.js');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, 'validate', ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('batch-studio validate (CLI)', () => {
  let dir: string;
  let good: string;
  let bad: string;
  before(function () {
    // The unit runner builds dist/ first.
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run node esbuild.mjs`);
    dir = mkdtempSync(path.join(os.tmpdir(), 'batch-cli-'));
    good = path.join(dir, 'good.jsonl');
    bad = path.join(dir, 'bad.jsonl');
    writeFileSync(good, jsonl(chatRequest('a'), chatRequest('b')));
    writeFileSync(bad, jsonl(chatRequest('a'), chatRequest('a', { method: 'GET', url: '/chat/completions' }), '', chatRequest('c')));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 0 and prints nothing for a valid file', () => {
    assert.deepEqual(run(good), { code: 0, stdout: '', stderr: '' });
  });

  it('exits 1 with `path:line:col: severity code: message` lines (1-based)', () => {
    const { code, stdout } = run(bad, good);
    assert.equal(code, 1);
    const lines = stdout.trim().split('\n');
    assert.deepEqual(lines.map((line) => line.split(': ').slice(0, 2).join(': ')), [
      `${bad}:2:14: error duplicate_custom_id`,
      `${bad}:2:27: error invalid_method`,
      `${bad}:2:39: error invalid_url`,
      `${bad}:3:1: warning blank_line`,
    ]);
  });

  it('exits 0 when there are only warnings', () => {
    const warnings = path.join(dir, 'warnings.jsonl');
    writeFileSync(warnings, jsonl(chatRequest('a'), '', chatRequest('b')));
    assert.equal(run(warnings).code, 0);
  });

  it('prints the JSON report with 1-based positions', () => {
    const { code, stdout } = run('--format', 'json', bad, good);
    assert.equal(code, 1);
    const { files } = JSON.parse(stdout);
    assert.deepEqual(files.map((file: { path: string }) => file.path), [bad, good]);
    assert.deepEqual(Object.keys(files[0]), ['path', 'kind', 'requests', 'endpoint', 'model', 'bytes', 'diagnostics']);
    assert.equal(files[0].requests, 3);
    assert.deepEqual(files[0].diagnostics[0], {
      line: 2, column: 14, endLine: 2, endColumn: 17, severity: 'error', code: 'duplicate_custom_id',
      message: 'custom_id "a" is already used on line 1: each request needs a unique custom_id', param: 'custom_id',
    });
    assert.deepEqual(files[1].diagnostics, []);
    assert.equal(files[1].kind, 'input');
  });

  it('applies --provider', () => {
    const azure = path.join(dir, 'azure.jsonl');
    writeFileSync(azure, jsonl(chatRequest('a', { url: '/chat/completions' })));
    assert.equal(run(azure).code, 1);
    assert.equal(run('--provider', 'azure', azure).code, 0);
  });

  it('exits 2 with one line on stderr for a missing file', () => {
    const { code, stderr } = run(path.join(dir, 'missing.jsonl'));
    assert.equal(code, 2);
    assert.equal(stderr.trim().split('\n').length, 1);
    assert.match(stderr, /^batch-studio validate: \S*missing\.jsonl does not exist$/m);
    assert.doesNotMatch(stderr, /\n\s+at /);
  });

  it('exits 2 for usage errors', () => {
    assert.equal(run().code, 2);
    assert.equal(run('--format', 'xml', good).code, 2);
    assert.equal(run('--provider', 'mistral', good).code, 2);
  });
});
