import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { testResources } from '../providers/support';
import { lastLine, runCli } from './support';

/** Azure's documented batch lines: urls without `/v1`, the deployment name as the model. */
function azureFile(folder: string): string {
  const file = path.join(folder, 'azure.batch.jsonl');
  const lines = ['founded', 'headquarters', 'ceo'].map((topic) =>
    JSON.stringify({ custom_id: `task-${topic}`, method: 'POST', url: '/chat/completions', body: { model: 'gpt-4o-batch', messages: [{ role: 'user', content: `Microsoft: ${topic}?` }] } }),
  );
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('cli: an azure profile in the README form (https://RESOURCE.openai.azure.com) against the emulator', () => {
  const resources = testResources();

  it('validates, submits, watches, downloads and joins through /openai/…?api-version with the api-key header', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const file = azureFile(folder);
    const origin = new URL(emulator.baseUrl).origin;
    const profiles = path.join(folder, 'profiles.json');
    // The README's profile, its resource URL replaced by the emulator's origin.
    writeFileSync(profiles, JSON.stringify([{ name: 'Azure EU', kind: 'azure', baseUrl: origin, apiVersion: '2024-10-21', limits: 'azure' }]));
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), AZURE_OPENAI_API_KEY: 'azure-test-key' };
    const connection = ['--profiles', profiles, '--profile', 'Azure EU'];

    const validate = await runCli(['validate', file, ...connection], env);
    assert.equal(validate.code, 0, validate.stdout + validate.stderr);
    const submit = await runCli(['submit', file, ...connection], env);
    assert.equal(submit.code, 0, submit.stderr);
    const id = lastLine(submit.stdout)!;
    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 0, watch.stderr);
    assert.equal(lastLine(watch.stdout), 'completed');
    const download = await runCli(['download', id, ...connection], env);
    assert.equal(download.code, 0, download.stderr);
    const [resultsPath] = download.stdout.trim().split('\n');
    const results = await runCli(['results', file, resultsPath, '--format', 'json'], env);
    assert.equal(results.code, 0, results.stderr);
    const joined = JSON.parse(results.stdout) as { total: number; succeeded: number };
    assert.deepEqual([joined.total, joined.succeeded], [3, 3]);

    for (const route of ['POST /v1/files (azure)', 'POST /v1/batches (azure)', 'GET /v1/files/{file_id}/content (azure)']) {
      assert.ok(emulator.requestLog.count(route) >= 1, `${route} was called`);
    }
    assert.equal(emulator.requestLog.count('POST /v1/batches'), 0, 'nothing went to the /v1 form');
    for (const output of [submit, watch, download]) assert.ok(!(output.stdout + output.stderr).includes('azure-test-key'));
    assert.ok(readFileSync(resultsPath, 'utf8').includes('task-ceo'));
  });
});
