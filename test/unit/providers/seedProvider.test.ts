import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SEED_CHUNK_SIZE, seedChunkSize } from '../../../src/core/providers';
import { LocalBatchArchive } from '../../../src/core/providers/localBatchArchive';
import { chatLines, emulatorProfile, isTerminal, pollJob, providerFor, testResources, writeBatchFile } from './support';

type Line = { custom_id: string; response: { status_code: number; body: { choices: unknown[]; model: string } } | null; error: { code: string; message: string } | null };

function readLines(file: string): Line[] {
  return readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((line) => JSON.parse(line) as Line);
}

describe('providers: seed kind (sync, jobs, files) against the emulator', () => {
  const resources = testResources();

  it('chunk sizes follow the seed: deepseek-chat 50, deepseek-coder 30, deepseek-math 20, else 50', () => {
    assert.deepEqual(['deepseek-chat', 'deepseek-coder', 'deepseek-math', 'gpt-4o-mini'].map((model) => seedChunkSize(model)), [50, 30, 20, DEFAULT_SEED_CHUNK_SIZE]);
  });

  it('sync: sends per-model chunks and writes OpenAI batch output lines keyed by custom_id', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const profile = emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'sync', name: 'Seed sync' });
    const provider = providerFor(profile, { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'math.batch.jsonl', chatLines(45, 'deepseek-math'));

    const uploaded = await provider.uploadFile(file);
    const progress: number[] = [];
    const job = await provider.createBatch({ inputFileId: uploaded.id, endpoint: '/v1/chat/completions', metadata: { sha256: 'h', client_token: 't' }, onRequestsProgress: (done) => progress.push(done) });

    assert.equal(emulator.requestLog.count('POST /v1/batch/chat/completions'), 3, '45 deepseek-math requests go as 20 + 20 + 5');
    assert.equal(progress.at(-1), 45);
    assert.equal(job.status, 'completed');
    assert.equal(job.profile, 'Seed sync');
    assert.equal(job.model, 'deepseek-math');
    assert.equal(job.sha256, 'h');
    assert.deepEqual(job.requestCounts, { total: 45, completed: 45, failed: 0 });
    assert.ok(job.usage && job.usage.totalTokens > 0);
    assert.equal(job.errorFileId, undefined);
    assert.ok(job.processingTimeSeconds! > 0, 'the run\'s own time, so a run within one second still has a duration');

    const output = path.join(folder, 'output.jsonl');
    await provider.downloadFile(job.outputFileId!, output);
    const lines = readLines(output);
    assert.deepEqual(lines.map((line) => line.custom_id).sort(), chatLines(45).map((line) => line.custom_id).sort());
    for (const line of lines) {
      assert.equal(line.error, null);
      assert.equal(line.response?.status_code, 200);
      assert.equal(line.response?.body.model, 'deepseek-math');
      assert.ok(line.response!.body.choices.length > 0);
    }
    assert.deepEqual(await provider.retrieveBatch(job.id), job);
    assert.deepEqual((await provider.listBatches()).jobs.map((listed) => listed.id), [job.id]);
  });

  it('sync: a profile\'s chunkSizes and concurrency override the seed\'s recommendation', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'sync', concurrency: 1, chunkSizes: { 'deepseek-chat': 7 } }), { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(15, 'deepseek-chat'));
    const job = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    assert.equal(emulator.requestLog.count('POST /v1/batch/chat/completions'), 3, '15 as 7 + 7 + 1');
    assert.deepEqual(job.requestCounts, { total: 15, completed: 15, failed: 0 });
  });

  it('sync: Cancel stops sending, keeps what was answered, and a job left unfinished (a reload) carries on from its journal', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const dataDir = path.join(folder, 'data');
    const profile = emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'sync', concurrency: 1, chunkSizes: { 'deepseek-chat': 5 } });
    const provider = providerFor(profile, { dataDir });
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(20, 'deepseek-chat'));
    const inputFileId = (await provider.uploadFile(file)).id;
    const stop = new AbortController();
    const cancelled = await provider.createBatch({
      inputFileId,
      endpoint: '/v1/chat/completions',
      signal: stop.signal,
      onRequestsProgress: (done) => {
        if (done === 10) stop.abort();
      },
    });
    assert.equal(cancelled.status, 'cancelled');
    assert.deepEqual(cancelled.requestCounts, { total: 20, completed: 10, failed: 0 });
    const sentBefore = emulator.requestLog.count('POST /v1/batch/chat/completions');

    // What a reload leaves: the record still in progress, its journal on disk, and a new provider.
    const archive = new LocalBatchArchive(dataDir);
    const record = (await archive.readRecord(cancelled.id))!;
    record.job.status = 'in_progress';
    record.job.outputFileId = cancelled.outputFileId;
    await archive.saveRecord(record);
    const reloaded = providerFor(profile, { dataDir });
    const carried = await pollJob(reloaded, cancelled.id, isTerminal);
    assert.equal(carried.status, 'completed');
    assert.deepEqual(carried.requestCounts, { total: 20, completed: 20, failed: 0 });
    assert.equal(emulator.requestLog.count('POST /v1/batch/chat/completions') - sentBefore, 2, 'only the two unanswered chunks were sent');
    await reloaded.downloadFile(carried.outputFileId!, path.join(folder, 'out.jsonl'));
    const ids = readLines(path.join(folder, 'out.jsonl')).map((line) => line.custom_id);
    assert.equal(new Set(ids).size, 20);
    assert.equal(ids.length, 20);
  });

  it('sync: keeps per-request partial failures in the error file', async () => {
    const emulator = await resources.emulator({ failRate: 0.3 });
    const folder = resources.folder();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'sync' }), { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(60, 'deepseek-chat'));
    const job = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });

    assert.equal(job.requestCounts.total, 60);
    assert.ok(job.requestCounts.failed > 0 && job.requestCounts.completed > 0, JSON.stringify(job.requestCounts));
    assert.equal(job.requestCounts.completed + job.requestCounts.failed, 60);
    await provider.downloadFile(job.errorFileId!, path.join(folder, 'errors.jsonl'));
    await provider.downloadFile(job.outputFileId!, path.join(folder, 'output.jsonl'));
    const errors = readLines(path.join(folder, 'errors.jsonl'));
    const outputs = readLines(path.join(folder, 'output.jsonl'));
    assert.equal(errors.length, job.requestCounts.failed);
    assert.ok(errors.every((line) => line.response === null && typeof line.error?.message === 'string' && line.error.message.length > 0));
    const all = [...errors, ...outputs].map((line) => line.custom_id).sort();
    assert.deepEqual(all, chatLines(60).map((line) => line.custom_id).sort(), 'every request is in exactly one file');
  });

  it('sync: a chunk answered 429 with Retry-After is retried after the wait and succeeds', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    let refused = 0;
    const proxy = await resources.proxy(emulator.baseUrl, ({ path: route, count }) => {
      if (route !== '/v1/batch/chat/completions' || count > 2) return 'pass';
      refused++;
      return { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, headers: { 'retry-after': '0', 'retry-after-ms': '20' } };
    });
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { kind: 'seed', mode: 'sync', concurrency: 1 }), { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'coder.batch.jsonl', chatLines(31, 'deepseek-coder'));
    const job = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    assert.equal(refused, 2);
    assert.deepEqual(job.requestCounts, { total: 31, completed: 31, failed: 0 });
    assert.equal(proxy.seen.get('POST /v1/batch/chat/completions'), 4, 'two chunks (30 + 1), the first tried three times');
  });

  it('sync: a chunk that keeps failing puts its requests in the error file; the other chunks succeed', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const proxy = await resources.proxy(emulator.baseUrl, ({ path: route, count }) =>
      route === '/v1/batch/chat/completions' && count <= 3 ? { status: 503, body: { error: { message: 'overloaded', type: 'server_error' } }, headers: { 'retry-after-ms': '1' } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { kind: 'seed', mode: 'sync', concurrency: 1 }), { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(70, 'deepseek-chat'));
    const job = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    assert.deepEqual(job.requestCounts, { total: 70, completed: 20, failed: 50 });
    await provider.downloadFile(job.errorFileId!, path.join(folder, 'errors.jsonl'));
    const errors = readLines(path.join(folder, 'errors.jsonl'));
    assert.equal(errors.length, 50);
    assert.ok(errors.every((line) => line.error?.code === '503'));
  });

  it('jobs: creates a job, polls it to completed and serves its answers as an output file', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'jobs', name: 'Seed jobs' }), { dataDir: path.join(folder, 'data') });
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(12, 'deepseek-chat'));
    const created = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions', metadata: { sha256: 'h', client_token: 't' }, maxRetries: 0 });
    assert.ok(!isTerminal(created));
    assert.equal(created.requestCounts.total, 12);

    const done = await pollJob(provider, created.id, isTerminal);
    assert.equal(done.status, 'completed');
    assert.equal(done.sha256, 'h');
    assert.deepEqual(done.requestCounts, { total: 12, completed: 12, failed: 0 });
    await provider.downloadFile(done.outputFileId!, path.join(folder, 'out.jsonl'));
    const lines = readLines(path.join(folder, 'out.jsonl'));
    assert.deepEqual(lines.map((line) => line.custom_id).sort(), chatLines(12).map((line) => line.custom_id).sort());
    assert.deepEqual((await provider.listBatches()).jobs.map((job) => job.id), [created.id]);
    const again = await provider.retrieveBatch(created.id);
    assert.equal(again.outputFileId, done.outputFileId, 'the result file is written once');
  });

  it('jobs: cancel', async () => {
    const emulator = await resources.emulator({ latencyMs: 0 });
    const folder = resources.folder();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'jobs' }), { dataDir: path.join(folder, 'data') });
    assert.equal(provider.capabilities.canCancel, true);
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(500, 'deepseek-chat'));
    const created = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    const cancelled = await provider.cancelBatch(created.id);
    assert.ok(['cancelled', 'completed'].includes(cancelled.status), cancelled.status);
    // The job's answers (partial when cancelled) arrive once its last block has run.
    const done = await pollJob(provider, created.id, (job) => isTerminal(job) && (job.outputFileId !== undefined || job.errorFileId !== undefined));
    assert.equal(done.requestCounts.completed + done.requestCounts.failed, 500, 'every request is in the output or the error file');
  });

  it('files: the OpenAI flow at the seed base URL', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'files' }));
    assert.equal(provider.capabilities.listsServerBatches, true);
    const file = writeBatchFile(resources.folder(), 'chat.batch.jsonl', chatLines(3, 'deepseek-chat'));
    const created = await provider.createBatch({ inputFileId: (await provider.uploadFile(file)).id, endpoint: '/v1/chat/completions' });
    assert.equal((await pollJob(provider, created.id, isTerminal)).status, 'completed');
  });
});
