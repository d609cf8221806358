import assert from 'node:assert/strict';
import { assertMatchesSchema, chatBatchText, chatLine, emulatorPerTest, fileLines, isFinished, jsonl, submitBatch, untilBatch, uploadBatchFile } from './support';

describe('emulator lifecycle: validation failure, expiry, every endpoint in a batch', () => {
  const start = emulatorPerTest();

  it('fails a batch whose file breaks the rules, with errors.data[{code, message, param, line}] (1-based lines)', async function () {
    const { emulator, client } = await start();
    const text = jsonl([chatLine('ok'), '{not json', chatLine('ok'), { ...chatLine('bad-method'), method: 'GET' }]);
    const created = await submitBatch(client, text);
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assertMatchesSchema('batch', batch, 'failed batch');
    assert.equal(batch.status, 'failed');
    assert.equal(typeof batch.failed_at, 'number');
    assert.equal(batch.output_file_id, undefined);
    const errors = batch.errors!.data!.map(({ code, line, param }) => ({ code, line, param }));
    assert.deepEqual(errors, [
      { code: 'invalid_json_line', line: 2, param: null },
      { code: 'duplicate_custom_id', line: 3, param: 'custom_id' },
      { code: 'invalid_method', line: 4, param: 'method' },
    ]);
    assert.ok(batch.errors!.data!.every((error) => typeof error.message === 'string' && error.message.length > 0));
  });

  it('fails a file whose requests target another endpoint than the batch', async () => {
    const { emulator, client } = await start();
    const file = await uploadBatchFile(client, chatBatchText(2));
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/embeddings', completion_window: '24h' });
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(batch.status, 'failed');
    assert.deepEqual(batch.errors!.data!.map((error) => error.code), ['url_mismatch']);
  });

  it('expires when the (scaled) 24h window runs out: done lines in the output, the rest batch_expired', async function () {
    // 24h lasts 0.5 s; one line per 4 emulated hours is 12 lines per real second: about 6 of 10 run in time.
    const { emulator, client } = await start({ requestsPerSecond: 1 / (4 * 3600) });
    const created = await submitBatch(client, chatBatchText(10));
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assertMatchesSchema('batch', batch, 'expired batch');
    assert.equal(batch.status, 'expired');
    assert.equal(typeof batch.expired_at, 'number');
    const expired = await fileLines(client, batch.error_file_id!);
    expired.forEach((line) => assertMatchesSchema('outputLine', line, 'expired line'));
    assert.ok(expired.length >= 1 && expired.length < 10, `${expired.length} expired`);
    for (const line of expired) {
      assert.equal(line.response, null);
      assert.deepEqual(line.error, { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' });
    }
    const done = batch.output_file_id ? await fileLines(client, batch.output_file_id) : [];
    assert.equal(done.length + expired.length, 10);
    assert.equal(batch.request_counts!.completed, done.length);
  });

  it('closes cleanly while batches are validating, running and writing', async () => {
    const { emulator, client } = await start();
    const ids: string[] = [];
    for (const count of [1, 3, 700]) ids.push((await submitBatch(client, chatBatchText(count))).id);
    await untilBatch(emulator, client, ids[2], (batch) => batch.status !== 'validating');
    await emulator.close();
    await emulator.close(); // idempotent
  });

  const endpointCases: [string, Record<string, unknown>, (body: Record<string, unknown>) => void][] = [
    ['/v1/embeddings', { model: 'text-embedding-3-small', input: 'hello' }, (body) => assert.equal((body.data as { embedding: number[] }[])[0].embedding.length, 1536)],
    ['/v1/responses', { model: 'gpt-4o-mini', input: 'hello' }, (body) => assert.equal(body.object, 'response')],
    ['/v1/completions', { model: 'gpt-3.5-turbo-instruct', prompt: 'hello' }, (body) => assert.equal(body.object, 'text_completion')],
    ['/v1/moderations', { model: 'omni-moderation-latest', input: 'hello' }, (body) => assert.equal((body.results as unknown[]).length, 1)],
  ];
  for (const [endpoint, body, check] of endpointCases) {
    it(`runs a ${endpoint} batch`, async function () {
      const { emulator, client } = await start();
      const lines = [1, 2, 3].map((i) => ({ custom_id: `r${i}`, method: 'POST', url: endpoint, body }));
      const file = await uploadBatchFile(client, jsonl(lines));
      const created = await client.batches.create({ input_file_id: file.id, endpoint: endpoint as '/v1/embeddings', completion_window: '24h' });
      const batch = await untilBatch(emulator, client, created.id, isFinished);
      assert.equal(batch.status, 'completed', JSON.stringify(batch.errors));
      const output = await fileLines(client, batch.output_file_id!);
      assert.equal(output.length, 3);
      output.forEach((line) => assertMatchesSchema('outputLine', line, 'output line'));
      check((output[0].response as { body: Record<string, unknown> }).body);
      // Moderations report no usage, as the real endpoint.
      assert.equal(batch.usage!.input_tokens > 0, endpoint !== '/v1/moderations');
    });
  }
});
