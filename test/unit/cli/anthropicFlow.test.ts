import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, testResources } from '../providers/support';
import { isOneCleanLine, lastLine, runCli } from './support';

const example = path.join(repoRoot, 'examples', 'claude-translate-phrases.batch.jsonl');

describe('cli: an Anthropic batch file through validate, submit, watch, download and results against the emulator', () => {
  const resources = testResources();

  async function setup() {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const file = path.join(folder, 'phrases.batch.jsonl');
    copyFileSync(example, file);
    // The emulator needs no key: nothing in the environment but the data folder.
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data') };
    return { emulator, folder, file, env, connection: ['--base-url', emulator.baseUrl, '--kind', 'emulator'] };
  }

  it('validates, submits once, watches to the end, downloads the results and joins them', async () => {
    const { folder, file, env, connection } = await setup();
    const validate = await runCli(['validate', file, '--format', 'json'], env);
    assert.equal(validate.code, 0, validate.stdout);
    const [report] = JSON.parse(validate.stdout).files;
    assert.equal(report.requests, 5);
    assert.equal(report.endpoint, '/v1/messages');

    const submit = await runCli(['submit', file, ...connection], env);
    assert.equal(submit.code, 0, submit.stderr);
    const id = lastLine(submit.stdout)!;
    assert.match(id, /^msgbatch_/);

    const duplicate = await runCli(['submit', file, ...connection], env);
    assert.equal(duplicate.code, 1, 'the same content is not submitted twice');
    assert.ok(duplicate.stderr.includes(id), duplicate.stderr);

    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 0, watch.stderr);
    assert.equal(lastLine(watch.stdout), 'completed');

    const download = await runCli(['download', id, ...connection], env);
    assert.equal(download.code, 0, download.stderr);
    const [resultsPath] = download.stdout.trim().split('\n');
    assert.equal(path.dirname(resultsPath), folder);
    const lines = readFileSync(resultsPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { custom_id: string; result: { type: string } });
    assert.deepEqual(lines.map((line) => line.custom_id).sort(), ['phrase-1-fr', 'phrase-2-fr', 'phrase-3-de', 'phrase-4-de', 'phrase-5-es']);
    assert.ok(lines.every((line) => line.result.type === 'succeeded'));

    const results = await runCli(['results', file, resultsPath, '--format', 'json'], env);
    assert.equal(results.code, 0, results.stderr);
    const joined = JSON.parse(results.stdout) as { total: number; succeeded: number; results: Array<{ line: number; custom_id: string; text: string }> };
    assert.equal(joined.total, 5);
    assert.equal(joined.succeeded, 5);
    assert.deepEqual(joined.results.map((result) => [result.line, result.custom_id]), [[1, 'phrase-1-fr'], [2, 'phrase-2-fr'], [3, 'phrase-3-de'], [4, 'phrase-4-de'], [5, 'phrase-5-es']]);
    assert.match(joined.results[1].text, /Could I have the bill, please\?/, 'the emulated answer quotes its own request');
  });

  it('refuses an Anthropic file for an OpenAI profile, saying which profile to choose', async () => {
    const { file, env, emulator } = await setup();
    const refused = await runCli(['submit', file, '--base-url', emulator.baseUrl, '--kind', 'openai'], { ...env, BATCH_STUDIO_API_KEY: 'sk-test' });
    assert.equal(refused.code, 1);
    assert.match(refused.stdout, /dialect_mismatch: This file holds Anthropic requests, but profile .* takes OpenAI batch files/);
    assert.ok(isOneCleanLine(refused.stderr), refused.stderr);
  });

  it('sends ANTHROPIC_API_KEY to api.anthropic.com only: another Anthropic URL needs BATCH_STUDIO_API_KEY', async () => {
    const { file, env, emulator } = await setup();
    const origin = new URL(emulator.baseUrl).origin;
    const refused = await runCli(['submit', file, '--base-url', origin, '--kind', 'anthropic'], { ...env, ANTHROPIC_API_KEY: 'sk-ant-secret' });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /no API key .* set BATCH_STUDIO_API_KEY$/m);
    assert.ok(!refused.stderr.includes('sk-ant-secret'));
    const submitted = await runCli(['submit', file, '--base-url', origin, '--kind', 'anthropic'], { ...env, BATCH_STUDIO_API_KEY: 'sk-ant-other' });
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(lastLine(submitted.stdout)!, /^msgbatch_/);
  });
});
