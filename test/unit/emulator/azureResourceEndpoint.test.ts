import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AzureOpenAI } from 'openai';
import { toFile } from 'openai/uploads';
import type { RunningEmulator } from '../../../src/core/emulator';
import { createProvider } from '../../../src/core/providers';
import { submitBatchFile } from '../../../src/core/submit';
import { memoryJobStore, testResources, writeBatchFile } from '../providers/support';
import { FAST_TIME_SCALE } from './support';

/** An Azure global batch file as Azure documents it: urls without `/v1`, the deployment name as model. */
function azureLines(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_unused, index) => ({
    custom_id: `task-${index}`,
    method: 'POST',
    url: '/chat/completions',
    body: { model: 'gpt-4o-batch', messages: [{ role: 'system', content: 'You are an AI assistant that helps people find information.' }, { role: 'user', content: `When was Microsoft founded? (${index})` }] },
  }));
}

const FINISHED = ['completed', 'failed', 'expired', 'cancelled'];

/** Resolves with the batch's final status once the emulator reports it (an event, never a sleep), or at once if it has. */
function untilFinished(emulator: RunningEmulator, id: string, current: () => Promise<string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const finish = (status: string) => {
      subscription.dispose();
      resolve(status);
    };
    const subscription = emulator.onBatchChange((batch) => batch.id === id && FINISHED.includes(batch.status) && finish(batch.status));
    current().then((status) => FINISHED.includes(status) && finish(status), reject);
  });
}

describe('emulator: Azure OpenAI resource endpoints (https://RESOURCE.openai.azure.com form)', () => {
  const resources = testResources();

  async function start() {
    const emulator = await resources.emulator({ timeScale: FAST_TIME_SCALE });
    const origin = new URL(emulator.baseUrl).origin;
    return { emulator, origin };
  }

  it('the AzureOpenAI client with endpoint = the resource URL: upload, create, retrieve, content under /openai/…?api-version', async () => {
    const { emulator, origin } = await start();
    const client = new AzureOpenAI({ endpoint: origin, apiKey: 'azure-key', apiVersion: '2024-10-21', maxRetries: 0 });
    const text = azureLines(3).map((line) => JSON.stringify(line)).join('\n') + '\n';
    const file = await client.files.create({ file: await toFile(Buffer.from(text), 'azure.jsonl'), purpose: 'batch' });
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/chat/completions' as never, completion_window: '24h' });
    assert.equal(await untilFinished(emulator, created.id, async () => (await client.batches.retrieve(created.id)).status), 'completed');
    const batch = await client.batches.retrieve(created.id);
    assert.deepEqual(batch.request_counts, { total: 3, completed: 3, failed: 0 });
    const output = await (await client.files.content(batch.output_file_id!)).text();
    assert.equal(output.trim().split('\n').length, 3);
    for (const route of ['POST /v1/files (azure)', 'POST /v1/batches (azure)', 'GET /v1/batches/{batch_id} (azure)', 'GET /v1/files/{file_id}/content (azure)']) {
      assert.ok(emulator.requestLog.count(route) >= 1, route);
    }
  });

  it('answers as Azure does without an api-key (401) or an api-version (404)', async () => {
    const { origin } = await start();
    assert.equal((await fetch(`${origin}/openai/batches?api-version=2024-10-21`)).status, 401);
    assert.equal((await fetch(`${origin}/openai/batches`, { headers: { 'api-key': 'k' } })).status, 404);
    assert.equal((await fetch(`${origin}/openai/batches?api-version=2024-10-21`, { headers: { 'api-key': 'k' } })).status, 200);
    assert.equal((await fetch(`${origin}/openai/v1/batches`, { headers: { 'api-key': 'k' } })).status, 200, 'the v1 form needs no api-version');
  });

  it('the whole flow through an azure profile in the README form: submit, poll, download', async () => {
    const { emulator, origin } = await start();
    const profile = { name: 'Azure EU', kind: 'azure' as const, baseUrl: origin, apiVersion: '2024-10-21', limits: 'azure' as const };
    const provider = createProvider(profile, 'azure-key', { maxRetries: 0 });
    const folder = resources.folder();
    const file = writeBatchFile(folder, 'azure.batch.jsonl', azureLines(4));
    const result = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(result.outcome, 'submitted', JSON.stringify(result));
    if (result.outcome !== 'submitted') return;
    assert.equal(result.jobs[0].endpoint, '/chat/completions');
    await untilFinished(emulator, result.jobs[0].id, async () => (await provider.retrieveBatch(result.jobs[0].id)).status);
    // Polled as the Jobs view does: one list call answers for every job.
    const job = (await provider.listBatches({ limit: 100 })).jobs.find((listed) => listed.id === result.jobs[0].id)!;
    assert.equal(job.status, 'completed');
    const target = path.join(folder, 'azure.results.jsonl');
    await provider.downloadFile(job.outputFileId!, target);
    const ids = readFileSync(target, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
    assert.deepEqual(ids.sort(), ['task-0', 'task-1', 'task-2', 'task-3']);
  });
});
