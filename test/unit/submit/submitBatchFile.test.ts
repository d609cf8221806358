import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { checkSubmission, submitBatchFile, submitChecked } from '../../../src/core/submit';
import { describeProviderError } from '../../../src/core/errors';
import { chatLine, chatLines, emulatorProfile, isTerminal, memoryJobStore, pollJob, providerFor, testResources, writeBatchFile } from '../providers/support';

describe('submit: submitBatchFile', () => {
  const resources = testResources();

  it('validates, uploads, creates with {source_file, sha256, client_token} and records the job before resolving', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const { store, storage } = memoryJobStore();
    const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(4));
    const stages = new Set<string>();

    const result = await submitBatchFile(file, { provider, jobStore: store, onProgress: (progress) => stages.add(progress.stage) });

    assert.equal(result.outcome, 'submitted');
    if (result.outcome !== 'submitted') return;
    const [job] = result.jobs;
    const sha256 = createHash('sha256').update(readFileSync(file)).digest('hex');
    assert.equal(job.sha256, sha256);
    assert.equal(job.sourceFile, file);
    assert.equal(job.metadata?.source_file, 'hello.batch.jsonl');
    assert.equal(job.metadata?.sha256, sha256);
    assert.match(job.metadata?.client_token ?? '', /^[0-9a-f-]{36}$/);
    assert.equal(job.clientToken, job.metadata?.client_token);
    assert.equal(result.check.requests, 4);
    assert.deepEqual(storage.read().map((stored) => stored.id), [job.id], 'persisted before submit resolved');
    assert.deepEqual([...stages], ['validating', 'hashing', 'checking-duplicates', 'uploading', 'creating', 'recording']);
    assert.equal((await provider.retrieveBatch(job.id)).metadata?.client_token, job.clientToken);
  });

  it('refuses a file with validation errors, with its diagnostics, and sends nothing', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const { store } = memoryJobStore();
    const file = writeBatchFile(resources.folder(), 'bad.batch.jsonl', [chatLine('a'), '{"custom_id": "b", "method": "POST"', chatLine('a')]);
    const result = await submitBatchFile(file, { provider, jobStore: store });
    assert.equal(result.outcome, 'invalid');
    if (result.outcome !== 'invalid') return;
    assert.ok(result.check.errors.length >= 2);
    assert.ok(result.check.errors.some((error) => error.code === 'duplicate_custom_id'));
    assert.equal(emulator.requestLog.total(), 0);
    assert.deepEqual(store.all(), []);
  });

  it('never twice: refuses the same content while the first job is live, found on the provider even with an empty local store', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(2));
    const first = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(first.outcome, 'submitted');

    // Another machine (or a reinstall): no local record, the provider still knows.
    const elsewhere = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(elsewhere.outcome, 'duplicate');
    if (elsewhere.outcome !== 'duplicate' || first.outcome !== 'submitted') return;
    assert.equal(elsewhere.existing.id, first.jobs[0].id);
    assert.equal(emulator.requestLog.count('POST /v1/files'), 1, 'refused before uploading');

    const forced = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store, force: true });
    assert.equal(forced.outcome, 'submitted');
    const batches = (await provider.listBatches({ limit: 100 })).jobs;
    assert.equal(batches.length, 2);
  });

  it('never twice: the local JobStore alone also refuses (a batch the recent list of the provider does not show)', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(2));
    const check = await checkSubmission(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(check.outcome, 'ready');
    if (check.outcome !== 'ready') return;
    const { store } = memoryJobStore();
    await store.upsert({ id: 'batch_from_yesterday', profile: provider.profile.name, endpoint: check.endpoint, status: 'in_progress', requestCounts: { total: 2, completed: 0, failed: 0 }, createdAt: 1, sha256: check.sha256 });
    const result = await submitBatchFile(file, { provider, jobStore: store });
    // The emulator does not know that id: its stored status stands.
    assert.equal(result.outcome, 'duplicate');
    if (result.outcome === 'duplicate') assert.equal(result.existing.id, 'batch_from_yesterday');
  });

  it('allows the same content again once the earlier batch failed', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(2));
    const { store } = memoryJobStore();
    emulator.faults.failNextBatch('fail_validation');
    const first = await submitBatchFile(file, { provider, jobStore: store });
    assert.equal(first.outcome, 'submitted');
    if (first.outcome !== 'submitted') return;
    await store.upsert(await pollJob(provider, first.jobs[0].id, isTerminal));
    assert.equal(store.all()[0].status, 'failed');
    const again = await submitBatchFile(file, { provider, jobStore: store });
    assert.equal(again.outcome, 'submitted');
  });

  it('the two phases: check (summary for the confirmation) then submitChecked', async () => {
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const { store } = memoryJobStore();
    const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(3, 'gpt-4.1-mini'));
    const check = await checkSubmission(file, { provider, jobStore: store });
    assert.equal(check.outcome, 'ready');
    if (check.outcome !== 'ready') return;
    assert.deepEqual(
      { profile: check.profile, endpoint: check.endpoint, model: check.model, requests: check.requests, window: check.completionWindow, split: check.split },
      { profile: 'Emulator test', endpoint: '/v1/chat/completions', model: 'gpt-4.1-mini', requests: 3, window: '24h', split: undefined },
    );
    assert.equal(emulator.requestLog.count('POST /v1/files'), 0, 'checking uploads nothing');
    const result = await submitChecked(check, { provider, jobStore: store });
    assert.equal(result.outcome, 'submitted');
  });

  it('seed sync: the same submission flow gives a completed job and a local output file', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const provider = providerFor(emulatorProfile(emulator.baseUrl, { kind: 'seed', mode: 'sync' }), { dataDir: path.join(folder, 'data') });
    const { store } = memoryJobStore();
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(7, 'deepseek-chat'));
    const result = await submitBatchFile(file, { provider, jobStore: store });
    assert.equal(result.outcome, 'submitted');
    if (result.outcome !== 'submitted') return;
    assert.equal(result.jobs[0].status, 'completed');
    assert.equal(store.all()[0].outputFileId, result.jobs[0].outputFileId);
    const again = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(again.outcome, 'duplicate', 'the local archive answers the list');
  });
  it('seed sync: a key every chunk is refused with (401) is an error that says to set the key, not a recorded "completed" job', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const proxy = await resources.proxy(emulator.baseUrl, ({ path: route }) =>
      route === '/v1/batch/chat/completions' ? { status: 401, body: { error: { message: 'Authentication Fails (no such user)', type: 'authentication_error', code: 'invalid_api_key' } } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { kind: 'seed', mode: 'sync' }), { dataDir: path.join(folder, 'data') });
    const { store } = memoryJobStore();
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(60, 'deepseek-chat'));

    const error = await submitBatchFile(file, { provider, jobStore: store }).then(
      (result) => assert.fail(`expected a refusal, got ${result.outcome} ${result.outcome === 'submitted' ? JSON.stringify(result.jobs[0].requestCounts) : ''}`),
      (rejected: unknown) => rejected,
    );
    assert.equal(describeProviderError('submit', error).action, 'set-api-key');
    assert.deepEqual(store.all(), [], 'no job is recorded for a run that got no answer');
    assert.deepEqual((await provider.listBatches()).jobs, [], 'and none blocks the next submission as a duplicate');
  });
  it('a split whose later part fails says which parts were submitted and what to submit next, not to retry the whole file', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }) =>
      method === 'POST' && route === '/v1/batches' && count === 2 ? { status: 400, body: { error: { message: 'Too many batch creations in flight.', type: 'invalid_request_error' } } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const { store } = memoryJobStore();
    const file = writeBatchFile(resources.folder(), 'big.batch.jsonl', chatLines(50_001));

    const error = await submitBatchFile(file, { provider, jobStore: store, split: true }).then(
      () => assert.fail('expected part 2 to fail'),
      (rejected: unknown) => rejected,
    );
    const [first] = store.all();
    assert.equal(store.all().length, 1, 'part 1 was created and is recorded');
    const described = describeProviderError('submit', error);
    assert.ok(described.message.includes(first.id), described.message);
    assert.ok(described.message.includes('big.part-2-of-2.batch.jsonl'), described.message);
    assert.ok(described.message.includes('Too many batch creations in flight.'), described.message);
    assert.notEqual(described.action, 'retry', 'retrying the whole file would bill part 1 twice');
  });
});
