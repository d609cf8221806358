import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, testResources } from '../providers/support';
import { isOneCleanLine, lastLine, runCli } from './support';

const example = path.join(repoRoot, 'examples', 'gemini-study-questions.batch.jsonl');
const KEYS = ['topic-1-photosynthesis', 'topic-2-tides', 'topic-3-vaccines', 'topic-4-inflation', 'topic-5-plate-tectonics'];

describe('cli: a Gemini batch file through validate, submit, watch, download and results against the emulator', () => {
  const resources = testResources();

  async function setup() {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const file = path.join(folder, 'questions.batch.jsonl');
    copyFileSync(example, file);
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data') };
    return { emulator, folder, file, env, connection: ['--base-url', emulator.baseUrl, '--kind', 'emulator'] };
  }

  it('validates, submits once, watches to the end, downloads the responses and joins them by key', async () => {
    const { folder, file, env, connection, emulator } = await setup();
    const validate = await runCli(['validate', file, '--format', 'json'], env);
    assert.equal(validate.code, 0, validate.stdout);
    const [report] = JSON.parse(validate.stdout).files;
    assert.equal(report.requests, 5);
    assert.equal(report.endpoint, 'generateContent');

    const submit = await runCli(['submit', file, ...connection], env);
    assert.equal(submit.code, 0, submit.stderr);
    const id = lastLine(submit.stdout)!;
    assert.match(id, /^batches\//);
    assert.equal(emulator.requestLog.count('POST /upload/v1beta/files'), 2, 'the resumable upload: start, then the bytes');

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
    const lines = readFileSync(resultsPath, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string; response: unknown });
    assert.deepEqual(lines.map((line) => line.key).sort(), KEYS);

    const results = await runCli(['results', file, resultsPath, '--format', 'json'], env);
    assert.equal(results.code, 0, results.stderr);
    const joined = JSON.parse(results.stdout) as { total: number; succeeded: number; results: Array<{ line: number; custom_id: string; text: string }> };
    assert.deepEqual([joined.total, joined.succeeded], [5, 5]);
    assert.deepEqual(joined.results.map((result) => result.custom_id), KEYS);
    assert.match(joined.results[1].text, /Why does the sea have tides\?/, 'the emulated answer quotes its own request');
  });

  it('cancels a running Gemini batch by its batches/ id; watch then ends with cancelled', async () => {
    const emulator = await resources.emulator({ requestsPerSecond: 1, timeScale: 1 });
    const folder = resources.folder();
    // 60 requests at one a second: the batch is still running however slowly the commands start on a busy machine.
    const file = path.join(folder, 'many.batch.jsonl');
    const lines = Array.from({ length: 60 }, (_unused, index) => JSON.stringify({ key: `q-${index}`, request: { contents: [{ parts: [{ text: `Question ${index}` }] }] } }));
    writeFileSync(file, lines.join('\n') + '\n');
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data') };
    const connection = ['--base-url', emulator.baseUrl, '--kind', 'emulator'];
    const submit = await runCli(['submit', file, ...connection], env);
    assert.equal(submit.code, 0, submit.stderr);
    const id = lastLine(submit.stdout)!;
    const cancel = await runCli(['cancel', id, ...connection], env);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(lastLine(cancel.stdout)!, /cancell(ing|ed)/);
    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 1, 'a cancelled batch is not a success');
    assert.equal(lastLine(watch.stdout), 'cancelled');
  });

  it('estimates the cost at the model the profile runs the batch on (Gemini lines name none), at half the synchronous price', async () => {
    const { folder, file, env, emulator } = await setup();
    const estimate = async (args: string[]) => {
      const run = await runCli(['estimate', file, ...args, '--format', 'json'], env);
      assert.equal(run.code, 0, run.stderr);
      return (JSON.parse(run.stdout) as { files: Array<{ model: string | null; cost: { batch: number; sync: number } | null }> }).files[0];
    };
    const byDefault = await estimate(['--base-url', emulator.baseUrl, '--kind', 'emulator']);
    assert.equal(byDefault.model, 'gemini-2.5-flash');
    assert.ok(byDefault.cost && byDefault.cost.sync > 0, JSON.stringify(byDefault));
    assert.equal(byDefault.cost.batch, byDefault.cost.sync / 2, 'Gemini Batch Mode is 50% off');
    const profiles = path.join(folder, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ name: 'Local Gemini', kind: 'emulator', dialect: 'gemini', model: 'gemini-2.5-flash-lite', baseUrl: emulator.baseUrl }]));
    const lite = await estimate(['--profiles', profiles]);
    assert.equal(lite.model, 'gemini-2.5-flash-lite');
    // Flash-Lite's prices are a third of Flash's input price and under a sixth of its output price.
    assert.ok(lite.cost && lite.cost.batch < byDefault.cost.batch / 3, JSON.stringify(lite));
  });

  it('a profile names the model the batch runs on', async () => {
    const { folder, file, env, emulator } = await setup();
    const profiles = path.join(folder, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ name: 'Local Gemini', kind: 'emulator', dialect: 'gemini', model: 'gemini-2.5-flash-lite', baseUrl: emulator.baseUrl }]));
    const submit = await runCli(['submit', file, '--profiles', profiles, '--format', 'json'], env);
    assert.equal(submit.code, 0, submit.stderr);
    const submitted = JSON.parse(lastLine(submit.stdout)!) as { batch_id: string; input_file_id: string };
    assert.match(submitted.input_file_id, /^files\//);
    const status = await runCli(['status', submitted.batch_id, '--profiles', profiles, '--format', 'json'], env);
    assert.equal(status.code, 0, status.stderr);
    assert.equal(JSON.parse(status.stdout).model, 'gemini-2.5-flash-lite');
  });

  it('sends GEMINI_API_KEY to generativelanguage.googleapis.com only: another Gemini URL needs BATCH_STUDIO_API_KEY', async () => {
    const { file, env, emulator } = await setup();
    const origin = new URL(emulator.baseUrl).origin;
    const refused = await runCli(['submit', file, '--base-url', origin, '--kind', 'gemini'], { ...env, GEMINI_API_KEY: 'AIzaSyGeminiSecretKey0123456789' });
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /no API key .* set BATCH_STUDIO_API_KEY$/m);
    assert.ok(!refused.stderr.includes('AIzaSyGeminiSecretKey0123456789'));
    assert.ok(isOneCleanLine(refused.stderr), refused.stderr);
    const submitted = await runCli(['submit', file, '--base-url', origin, '--kind', 'gemini'], { ...env, BATCH_STUDIO_API_KEY: 'gemini-other-key' });
    assert.equal(submitted.code, 0, submitted.stderr);
    assert.match(lastLine(submitted.stdout)!, /^batches\//);
  });
});
