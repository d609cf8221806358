import assert from 'node:assert/strict';
import path from 'node:path';
import type { Job } from '../../../src/core/jobs/job';
import { createBatchOnce, CreateOutcomeUnknownError, submitBatchFile } from '../../../src/core/submit';
import { describeProviderError } from '../../../src/core/errors';
import { chatLines, emulatorProfile, memoryJobStore, providerFor, testResources, writeBatchFile, type ProxyAction } from '../providers/support';

/** Every batch the provider lists (the emulator's whole history for these small tests). */
async function allBatches(provider: ReturnType<typeof providerFor>): Promise<Job[]> {
  return (await provider.listBatches({ limit: 100 })).jobs;
}

describe('submit: never twice (create reconciliation, proven with faults after the batch was created)', () => {
  const resources = testResources();

  for (const fault of ['drop-after', 'fail-after'] as const) {
    it(`${fault === 'drop-after' ? 'a dropped connection' : 'a 500'} after POST /v1/batches created the batch: exactly one batch, found by client_token`, async () => {
      const emulator = await resources.emulator();
      const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }): ProxyAction => (method === 'POST' && route === '/v1/batches' && count === 1 ? fault : 'pass'));
      // The SDK itself would retry this POST twice; submission must not let it.
      const provider = providerFor(emulatorProfile(proxy.baseUrl), { maxRetries: 2 });
      const { store } = memoryJobStore();
      const file = writeBatchFile(resources.folder(), 'hello.batch.jsonl', chatLines(3));

      const result = await submitBatchFile(file, { provider, jobStore: store });

      assert.equal(result.outcome, 'submitted');
      if (result.outcome !== 'submitted') return;
      const batches = await allBatches(provider);
      assert.equal(batches.length, 1, 'one call, one paid batch');
      assert.equal(batches[0].id, result.jobs[0].id);
      assert.equal(batches[0].clientToken, result.jobs[0].clientToken);
      assert.equal(proxy.seen.get('POST /v1/batches'), 1, 'the create was never sent again');
      assert.deepEqual(store.all().map((job) => job.id), [batches[0].id]);
    });
  }

  it('a refused-before-creation answer (503 from the front door) is reconciled, then created once', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }) =>
      method === 'POST' && route === '/v1/batches' && count === 1 ? { status: 503, body: { error: { message: 'busy', type: 'server_error' } }, headers: { 'retry-after-ms': '1' } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const result = await submitBatchFile(writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(2)), { provider, jobStore: memoryJobStore().store });
    assert.equal(result.outcome, 'submitted');
    assert.equal(proxy.seen.get('POST /v1/batches'), 2);
    assert.equal(proxy.seen.get('GET /v1/batches'), 2, 'the duplicate check, then the reconciliation before the retry');
    assert.equal((await allBatches(provider)).length, 1);
  });

  it('every create attempt lost: no batch is created twice, and the error says the network failed', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route }) => (method === 'POST' && route === '/v1/batches' ? { status: 502, body: { error: { message: 'bad gateway' } } } : 'pass'));
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const uploaded = await provider.uploadFile(writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(1)));
    await assert.rejects(createBatchOnce(provider, { inputFileId: uploaded.id, endpoint: '/v1/chat/completions', metadata: { client_token: 'tok' } }), { status: 502 });
    assert.equal(proxy.seen.get('POST /v1/batches'), 4, 'first try and three retries, each after a list');
    assert.equal((await allBatches(provider)).length, 0);
  });

  it('Anthropic (batches keep no metadata): a dropped create is not sent again, and the error says so', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route }): ProxyAction => (method === 'POST' && route === '/v1/messages/batches' ? 'drop-after' : 'pass'));
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { dialect: 'anthropic' }), { maxRetries: 2 });
    const requests = ['a', 'b'].map((id) => ({ custom_id: id, params: { model: 'claude-haiku-4-5', max_tokens: 64, messages: [{ role: 'user', content: id }] } }));
    const file = writeBatchFile(resources.folder(), 'claude.batch.jsonl', requests);
    const { store } = memoryJobStore();
    const error = await submitBatchFile(file, { provider, jobStore: store }).then(
      () => assert.fail('the create answer was lost'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof CreateOutcomeUnknownError, String(error));
    assert.equal(proxy.seen.get('POST /v1/messages/batches'), 1, 'the create was never sent again');
    assert.equal((await provider.listBatches({ limit: 100 })).jobs.length, 1, 'the one batch the lost call created');
    assert.match(describeProviderError('submit', error, { profileName: 'Emulator test' }).message, /cannot be asked whether it was/);
  });

  it('Gemini (the display name carries the hash and token): a dropped create is found by its token, and another machine finds the live batch', async () => {
    const emulator = await resources.emulator();
    const createRoute = '/v1beta/models/gemini-2.5-flash:batchGenerateContent';
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route, count }): ProxyAction => (method === 'POST' && route === createRoute && count === 1 ? 'drop-after' : 'pass'));
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { dialect: 'gemini' }), { maxRetries: 2 });
    const requests = ['a', 'b'].map((key) => ({ key, request: { contents: [{ parts: [{ text: key }] }] } }));
    const file = writeBatchFile(resources.folder(), 'gemini.batch.jsonl', requests);
    const result = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(result.outcome, 'submitted', JSON.stringify(result));
    assert.equal(proxy.seen.get(`POST ${createRoute}`), 1, 'the create was not sent again: the list showed the batch the lost call created');
    assert.equal((await allBatches(provider)).length, 1);
    if (result.outcome !== 'submitted') return;
    assert.equal(result.jobs[0].requestCounts.total, 2, 'the counts the SDK leaves out are read from the answer');

    // Another machine: nothing recorded locally, the provider's list still knows the content.
    const again = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store });
    assert.equal(again.outcome, 'duplicate');
    if (again.outcome === 'duplicate') assert.equal(again.existing.id, result.jobs[0].id);
  });

  it('a provider that cannot list (seed jobs) is not retried after an ambiguous failure', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route }) => (method === 'POST' && route === '/v1/batch/jobs' ? 'drop-after' : 'pass'));
    const provider = providerFor(emulatorProfile(proxy.baseUrl, { kind: 'seed', mode: 'jobs' }), { dataDir: path.join(folder, 'data') });
    const uploaded = await provider.uploadFile(writeBatchFile(folder, 'a.batch.jsonl', chatLines(2, 'deepseek-chat')));
    await assert.rejects(createBatchOnce(provider, { inputFileId: uploaded.id, endpoint: '/v1/chat/completions', metadata: { client_token: 'tok' } }), CreateOutcomeUnknownError);
    assert.equal(proxy.seen.get('POST /v1/batch/jobs'), 1);
  });
  it('a 429 whose Retry-After is an hour away fails at once with when to retry, instead of waiting inside the create', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route }) =>
      method === 'POST' && route === '/v1/batches' ? { status: 429, body: { error: { message: 'Too many batch creations', type: 'requests', code: 'rate_limit_exceeded' } }, headers: { 'retry-after': '3600' } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const uploaded = await provider.uploadFile(writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(1)));
    const started = Date.now();
    const error = await createBatchOnce(provider, { inputFileId: uploaded.id, endpoint: '/v1/chat/completions', metadata: { client_token: 'tok' } }).then(
      () => assert.fail('expected the 429'),
      (rejected: unknown) => rejected,
    );
    assert.ok(Date.now() - started < 5_000, `answered after ${Date.now() - started} ms`);
    const described = describeProviderError('submit', error);
    assert.equal(described.action, 'retry-later');
    assert.equal(described.retryAfterSeconds, 3600);
    assert.equal(proxy.seen.get('POST /v1/batches'), 1);
  });

  it('an upload answered 429 with a Retry-After an hour away fails at once too', async () => {
    const emulator = await resources.emulator();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: route }) =>
      method === 'POST' && route === '/v1/files' ? { status: 429, body: { error: { message: 'Too many files', type: 'requests' } }, headers: { 'retry-after': '3600' } } : 'pass',
    );
    const provider = providerFor(emulatorProfile(proxy.baseUrl));
    const started = Date.now();
    await assert.rejects(provider.uploadFile(writeBatchFile(resources.folder(), 'a.batch.jsonl', chatLines(1))), { status: 429 });
    assert.ok(Date.now() - started < 5_000, `answered after ${Date.now() - started} ms`);
    assert.equal(proxy.seen.get('POST /v1/files'), 1);
  });
});
