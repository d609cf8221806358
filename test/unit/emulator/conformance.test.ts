import assert from 'node:assert/strict';
import OpenAI from 'openai';
import {
  assertMatchesSchema,
  chatBatchText,
  chatLine,
  emulatorPerTest,
  fileLines,
  isFinished,
  jsonl,
  rawRequest,
  apiSchemas,
  submitBatch,
  untilBatch,
  uploadBatchFile,
} from './support';

describe('emulator conformance: the OpenAI SDK end to end, answers checked against the OpenAPI schemas', () => {
  const start = emulatorPerTest();

  it('reads the OpenAPI schemas in place from ../shared/reference', function () {
    if (!apiSchemas()) {
      console.log('    ../shared/reference/openai-openapi*.yaml is absent: skipping the schema checks');
      this.skip();
    }
  });

  it('runs a batch: upload, create, validating → in_progress → finalizing → completed, output and usage', async function () {
    const { emulator, client } = await start();
    const seen: string[] = [];
    emulator.onBatchChange((batch) => seen[seen.length - 1] !== batch.status && seen.push(batch.status));

    const file = await uploadBatchFile(client, chatBatchText(40));
    assertMatchesSchema('file', file, 'uploaded file');
    assert.equal(file.purpose, 'batch');
    const created = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { run: 'conformance' } });
    assertMatchesSchema('batch', created, 'created batch');
    assert.equal(created.status, 'validating');

    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assertMatchesSchema('batch', batch, 'completed batch');
    assert.deepEqual(seen, ['validating', 'in_progress', 'finalizing', 'completed']);
    assert.deepEqual(batch.request_counts, { total: 40, completed: 40, failed: 0 });
    assert.equal(batch.model, 'gpt-4o-mini');
    assert.deepEqual(batch.metadata, { run: 'conformance' });
    for (const stamp of ['created_at', 'in_progress_at', 'expires_at', 'finalizing_at', 'completed_at'] as const) {
      assert.equal(typeof batch[stamp], 'number', stamp);
    }
    assert.ok(batch.output_file_id);
    assert.equal(batch.error_file_id, undefined, 'no error file when nothing failed');

    const outputFile = await client.files.retrieve(batch.output_file_id);
    assertMatchesSchema('file', outputFile, 'output file');
    assert.equal(outputFile.purpose, 'batch_output');
    const lines = await fileLines(client, batch.output_file_id);
    lines.forEach((line, index) => assertMatchesSchema('outputLine', line, `output line ${index + 1}`));
    const ids = lines.map((line) => line.custom_id as string);
    assert.deepEqual([...ids].sort(), Array.from({ length: 40 }, (_unused, i) => `request-${i + 1}`).sort());
    assert.notDeepEqual(ids, Array.from({ length: 40 }, (_unused, i) => `request-${i + 1}`), 'output lines must not be in input order');

    const bodies = lines.map((line) => (line.response as { body: OpenAI.ChatCompletion }).body);
    assert.ok(bodies.every((body) => body.system_fingerprint === 'emulator' && body.object === 'chat.completion'));
    const sum = (pick: (usage: OpenAI.CompletionUsage) => number) => bodies.reduce((total, body) => total + pick(body.usage!), 0);
    assert.deepEqual(batch.usage, {
      input_tokens: sum((u) => u.prompt_tokens),
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: sum((u) => u.completion_tokens),
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: sum((u) => u.total_tokens),
    });
  });

  it('writes failed requests to the error file (status_code 4xx, error in the body) and still completes', async function () {
    const { emulator, client } = await start();
    // Valid lines the model refuses when it runs them: more output tokens than it supports.
    const tooMany = { max_completion_tokens: 100_000 };
    const text = jsonl([chatLine('good-1'), chatLine('bad-1', tooMany), chatLine('good-2'), chatLine('bad-2', tooMany)]);
    const created = await submitBatch(client, text);
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(batch.status, 'completed');
    assert.deepEqual(batch.request_counts, { total: 4, completed: 2, failed: 2 });
    const errors = await fileLines(client, batch.error_file_id!);
    errors.forEach((line) => assertMatchesSchema('outputLine', line, 'error line'));
    assert.deepEqual(errors.map((line) => line.custom_id).sort(), ['bad-1', 'bad-2']);
    for (const line of errors) {
      const response = line.response as { status_code: number; body: { error: { code: string } } };
      assert.equal(response.status_code, 400);
      assert.equal(response.body.error.code, 'invalid_value');
      assert.equal(line.error, null);
    }
  });

  it('completes with only an error file when every request fails', async () => {
    const { emulator, client } = await start();
    const created = await submitBatch(client, jsonl([chatLine('a', { max_tokens: 99_999 }), chatLine('b', { max_tokens: 99_999 })]));
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(batch.status, 'completed');
    assert.equal(batch.output_file_id, undefined);
    assert.ok(batch.error_file_id);
  });

  it('lists batches newest first in cursor pages, and the SDK auto-paginates over them', async function () {
    const { emulator, client } = await start();
    const file = await uploadBatchFile(client, chatBatchText(1));
    const createdIds: string[] = [];
    for (let i = 0; i < 25; i++) {
      createdIds.push((await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' })).id);
    }
    const firstPage = await rawRequest(emulator, 'GET', '/batches?limit=10');
    assertMatchesSchema('batchList', firstPage.json, 'batch list');
    assert.equal(firstPage.json.has_more, true);

    const listed: string[] = [];
    for await (const batch of client.batches.list({ limit: 10 })) listed.push(batch.id);
    assert.deepEqual(listed, [...createdIds].reverse(), 'every batch once, newest first');
    const second = await client.batches.list({ limit: 10, after: listed[9] });
    assert.deepEqual(second.data.map((batch) => batch.id), listed.slice(10, 20));
  });

  it('cancels a running batch: cancelling, then cancelled with the partial output; 409 once finished', async function () {
    // Paced at 20 lines per real second so the batch is still running when the cancel arrives.
    const { emulator, client } = await start({ timeScale: 1, requestsPerSecond: 20 });
    const created = await submitBatch(client, chatBatchText(200));
    await untilBatch(emulator, client, created.id, (batch) => batch.request_counts.completed >= 5);
    const cancelling = await client.batches.cancel(created.id);
    assertMatchesSchema('batch', cancelling, 'cancelling batch');
    assert.equal(cancelling.status, 'cancelling');
    assert.equal(typeof cancelling.cancelling_at, 'number');

    const cancelled = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal(typeof cancelled.cancelled_at, 'number');
    const done = cancelled.request_counts!.completed;
    assert.ok(done >= 5 && done < 200, `partial: ${done} of 200`);
    assert.equal((await fileLines(client, cancelled.output_file_id!)).length, done);

    const refused = await rawRequest(emulator, 'POST', `/batches/${created.id}/cancel`);
    assert.equal(refused.status, 409);
    assertMatchesSchema('error', refused.json, '409 error');
    await assert.rejects(client.batches.cancel(created.id), (error: unknown) => error instanceof OpenAI.ConflictError);
  });

  it('serves the Files API: list (newest first, purpose filter, pages), retrieve, content, delete', async function () {
    const { emulator, client } = await start();
    const first = await uploadBatchFile(client, chatBatchText(2), 'first.jsonl');
    const second = await uploadBatchFile(client, chatBatchText(3), 'second.jsonl');
    const listed = await rawRequest(emulator, 'GET', '/files');
    assertMatchesSchema('fileList', listed.json, 'file list');
    assert.deepEqual((listed.json.data as { id: string }[]).map((file) => file.id), [second.id, first.id]);
    assert.deepEqual((await rawRequest(emulator, 'GET', '/files?order=asc&limit=1')).json.data, [first]);
    assert.equal(((await rawRequest(emulator, 'GET', '/files?purpose=batch_output')).json.data as unknown[]).length, 0);

    const all: string[] = [];
    for await (const file of client.files.list({ limit: 1 })) all.push(file.id);
    assert.deepEqual(all, [second.id, first.id]);

    assert.deepEqual(await client.files.retrieve(first.id), first);
    assert.equal(await (await client.files.content(first.id)).text(), chatBatchText(2));
    assert.equal(first.bytes, Buffer.byteLength(chatBatchText(2)));

    const deleted = await rawRequest(emulator, 'DELETE', `/files/${first.id}`);
    assertMatchesSchema('deletedFile', deleted.json, 'deleted file');
    assert.deepEqual(deleted.json, { id: first.id, object: 'file', deleted: true });
    await assert.rejects(client.files.retrieve(first.id), (error: unknown) => error instanceof OpenAI.NotFoundError);
  });

  describe('refuses a bad create with the real 400s', () => {
    const cases: [string, (fileId: string) => Record<string, unknown>, string][] = [
      ['a bad endpoint', (id) => ({ input_file_id: id, endpoint: '/v1/chat', completion_window: '24h' }), 'endpoint'],
      ['a completion window other than 24h', (id) => ({ input_file_id: id, endpoint: '/v1/chat/completions', completion_window: '48h' }), 'completion_window'],
      ['an unknown file', () => ({ input_file_id: 'file-nope', endpoint: '/v1/chat/completions', completion_window: '24h' }), 'input_file_id'],
      ['a missing input file id', () => ({ endpoint: '/v1/chat/completions', completion_window: '24h' }), 'input_file_id'],
      ['17 metadata pairs', (id) => ({ input_file_id: id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: Object.fromEntries(Array.from({ length: 17 }, (_u, i) => [`k${i}`, 'v'])) }), 'metadata'],
      ['a metadata key over 64 characters', (id) => ({ input_file_id: id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { ['k'.repeat(65)]: 'v' } }), 'metadata'],
      ['a metadata value over 512 characters', (id) => ({ input_file_id: id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata: { note: 'v'.repeat(513) } }), 'metadata.note'],
      ['an output expiry under an hour', (id) => ({ input_file_id: id, endpoint: '/v1/chat/completions', completion_window: '24h', output_expires_after: { anchor: 'created_at', seconds: 60 } }), 'output_expires_after.seconds'],
    ];
    for (const [what, body, param] of cases) {
      it(what, async function () {
        const { emulator, client } = await start();
        const file = await uploadBatchFile(client, chatBatchText(1));
        const answer = await rawRequest(emulator, 'POST', '/batches', { body: JSON.stringify(body(file.id)), headers: { 'content-type': 'application/json' } });
        assert.equal(answer.status, 400);
        assertMatchesSchema('error', answer.json, 'error');
        assert.equal((answer.json.error as { param: string }).param, param);
        await assert.rejects(client.batches.create(body(file.id) as never), (error: unknown) => error instanceof OpenAI.BadRequestError);
      });
    }

    it('accepts metadata at its limits (16 pairs, 64-character keys, 512-character values)', async () => {
      const { client } = await start();
      const file = await uploadBatchFile(client, chatBatchText(1));
      const metadata = Object.fromEntries(Array.from({ length: 16 }, (_u, i) => [`${i}`.padEnd(64, 'k'), 'v'.repeat(512)]));
      const batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', metadata });
      assert.deepEqual(batch.metadata, metadata);
    });
  });
});
