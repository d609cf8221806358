import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { APIUserAbortError } from 'openai';
import { chatLines, emulatorProfile, isTerminal, pollJob, providerFor, testResources, writeBatchFile } from './support';

describe('providers: openai, azure and emulator kinds against the emulator', () => {
  const resources = testResources();

  for (const kind of ['emulator', 'openai', 'azure'] as const) {
    it(`${kind}: uploads with byte progress, creates, polls to completed and downloads the output by custom_id`, async () => {
      const emulator = await resources.emulator();
      const folder = resources.folder();
      const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(5));
      const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind, name: `${kind} test` }));

      const progress: number[] = [];
      const uploaded = await provider.uploadFile(file, { onProgress: (bytes) => progress.push(bytes) });
      assert.equal(uploaded.bytes, statSync(file).size);
      assert.equal(progress.at(-1), statSync(file).size);
      assert.equal(uploaded.filename, 'hello.batch.jsonl');

      const created = await provider.createBatch({ inputFileId: uploaded.id, endpoint: '/v1/chat/completions', metadata: { sha256: 'abc', client_token: 'token-1' } });
      assert.equal(created.profile, `${kind} test`);
      assert.equal(created.sha256, 'abc');
      assert.equal(created.clientToken, 'token-1');
      assert.equal(created.inputFileId, uploaded.id);

      const done = await pollJob(provider, created.id, isTerminal);
      assert.equal(done.status, 'completed');
      assert.deepEqual(done.requestCounts, { total: 5, completed: 5, failed: 0 });
      assert.ok(done.outputFileId);

      const destination = path.join(folder, 'out', '..', 'output.jsonl');
      const { bytes } = await provider.downloadFile(done.outputFileId!, destination);
      const lines = readFileSync(destination, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
      assert.equal(bytes, statSync(destination).size);
      assert.deepEqual(lines.map((line) => line.custom_id).sort(), ['request-1', 'request-2', 'request-3', 'request-4', 'request-5']);
      assert.ok(lines.every((line) => line.response.status_code === 200));
      assert.deepEqual(readdirSync(folder).filter((name) => name.endsWith('.part')), [], 'no temporary file is left behind');
    });
  }

  it('lists newest first, one page per call', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(1));
    const ids: string[] = [];
    for (let index = 0; index < 3; index++) {
      const uploaded = await provider.uploadFile(file);
      ids.push((await provider.createBatch({ inputFileId: uploaded.id, endpoint: '/v1/chat/completions' })).id);
    }
    const first = await provider.listBatches({ limit: 2 });
    assert.deepEqual(first.jobs.map((job) => job.id), [ids[2], ids[1]]);
    assert.equal(first.hasMore, true);
    const second = await provider.listBatches({ limit: 2, after: first.nextAfter });
    assert.deepEqual(second.jobs.map((job) => job.id), [ids[0]]);
    assert.equal(second.hasMore, false);
  });

  it('cancels a running batch', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(3));
    emulator.faults.failNextBatch('stall');
    const created = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    await pollJob(provider, created.id, (job) => job.status === 'in_progress');
    const cancelling = await provider.cancelBatch(created.id);
    assert.ok(['cancelling', 'cancelled'].includes(cancelling.status));
    assert.equal((await pollJob(provider, created.id, isTerminal)).status, 'cancelled');
  });

  it('an aborted upload rejects with the abort error', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(2000));
    const controller = new AbortController();
    const upload = provider.uploadFile(file, { signal: controller.signal, onProgress: () => controller.abort() });
    await assert.rejects(upload, (error: unknown) => error instanceof APIUserAbortError || (error as Error).name === 'AbortError');
  });

  it('retries an upload that met a 503 by reading the file again', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }) =>
      method === 'POST' && route === '/v1/files' && count === 1 ? { status: 503, body: { error: { message: 'overloaded', type: 'server_error' } }, headers: { 'retry-after-ms': '5' } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const file = writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(3));
    const uploaded = await provider.uploadFile(file);
    assert.equal(uploaded.bytes, statSync(file).size);
    assert.equal(proxy.seen.get('POST /v1/files'), 2);
  });

  it('capabilities follow the profile: openai limits by default, azure 100,000 requests', () => {
    const openai = providerFor(emulatorProfile('http://127.0.0.1:9/v1', { kind: 'openai' }));
    const azure = providerFor(emulatorProfile('http://127.0.0.1:9/v1', { kind: 'azure' }));
    assert.equal(openai.capabilities.limits.maxRequests, 50_000);
    assert.equal(azure.capabilities.limits.maxRequests, 100_000);
    assert.equal(openai.capabilities.listsServerBatches, true);
    assert.equal(openai.capabilities.completesOnCreate, false);
  });
});
