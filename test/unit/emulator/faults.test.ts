import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { apiSchemas, assertMatchesSchema, chatBatchText, clientFor, emulatorPerTest, fileLines, isFinished, rawRequest, submitBatch, untilBatch } from './support';

const chat = (client: OpenAI, content = 'hello') => client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });

describe('emulator faults: what a client sees', () => {
  const start = emulatorPerTest();

  it('answers 429 with Retry-After once the RPM limit is used up, and the SDK waits it out', async function () {
    // The OpenAPI schemas load first: compiling them blocks for seconds on a busy machine, which would close
    // the emulated minute (600 ms at timeScale 100) and the idle keep-alive connection between the calls.
    apiSchemas();
    const { emulator, client } = await start({ timeScale: 100, rpm: 2 });
    await chat(client);
    await chat(client);
    const limited = await rawRequest(emulator, 'POST', '/chat/completions', {
      body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }),
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(limited.status, 429);
    assertMatchesSchema('error', limited.json, '429 error');
    assert.equal((limited.json.error as { code: string }).code, 'rate_limit_exceeded');
    assert.match(limited.headers.get('retry-after') ?? '', /^\d+$/);
    assert.ok(Number(limited.headers.get('retry-after-ms')) <= 600);
    await assert.rejects(chat(client), (error: unknown) => error instanceof OpenAI.RateLimitError && error.headers.get('retry-after') !== null);

    const patient = clientFor(emulator, 3);
    const answer = await patient.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(answer.object, 'chat.completion');
  });

  it('answers 429 on the TPM limit, counting prompt and max tokens', async () => {
    const { client } = await start({ tpm: 50 });
    await chat(client, 'short');
    const long = client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(400) }] });
    await assert.rejects(long, (error: unknown) => error instanceof OpenAI.RateLimitError && /TPM/.test(error.message));
  });

  it('counts a TPM limit with the model\'s tokenizer: Chinese text is about a token a character, not a quarter', async () => {
    // 120 characters of Chinese: 30 tokens by the old characters/4 rule (under the limit), well over 60 by the tokenizer.
    const { client } = await start({ tpm: 60 });
    const chinese = client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 1, messages: [{ role: 'user', content: '批量请求的速率限制按令牌计算'.repeat(10).slice(0, 120) }] });
    await assert.rejects(chinese, (error: unknown) => error instanceof OpenAI.RateLimitError && /TPM/.test(error.message));
  });

  it('sends OpenAI\'s rate-limit headers on every answer under --rpm and --tpm, counting down what is left', async () => {
    const { client } = await start({ timeScale: 1, rpm: 10, tpm: 10_000 });
    const first = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    const second = await client.chat.completions.create({ model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'user', content: 'hello' }] }).withResponse();
    const headers = (answer: typeof first, name: string) => answer.response.headers.get(name);
    assert.equal(headers(first, 'x-ratelimit-limit-requests'), '10');
    assert.equal(headers(first, 'x-ratelimit-remaining-requests'), '9');
    assert.equal(headers(second, 'x-ratelimit-remaining-requests'), '8');
    assert.equal(headers(first, 'x-ratelimit-limit-tokens'), '10000');
    // "hello" as one user message is 8 prompt tokens for gpt-4o-mini (the API's usage.prompt_tokens), plus max_tokens 100.
    assert.equal(headers(first, 'x-ratelimit-remaining-tokens'), String(10_000 - 108));
    assert.equal(headers(second, 'x-ratelimit-remaining-tokens'), String(10_000 - 2 * 108));
    assert.match(headers(first, 'x-ratelimit-reset-requests') ?? '', /^\d+ms$/);
  });

  it('answers 500/503 at the fail rate, the same requests under the same seed', async function () {
    const { emulator, client } = await start({ failRate: 0.5, seed: 42 });
    const outcomes = async (target: OpenAI) => {
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        statuses.push(await chat(target).then(() => 200, (error: unknown) => (error as InstanceType<typeof OpenAI.APIError>).status ?? 0));
      }
      return statuses;
    };
    const first = await outcomes(client);
    assert.ok(first.some((status) => status >= 500) && first.includes(200), first.join(','));
    assert.ok(first.every((status) => [200, 500, 503].includes(status)), first.join(','));
    const again = await start({ failRate: 0.5, seed: 42 });
    assert.deepEqual(await outcomes(again.client), first, 'same seed, same faults');

    emulator.faults.failRate = 1;
    const failed = await rawRequest(emulator, 'POST', '/embeddings', { body: JSON.stringify({ model: 'text-embedding-3-small', input: 'x' }), headers: { 'content-type': 'application/json' } });
    assert.ok([500, 503].includes(failed.status));
    assertMatchesSchema('error', failed.json, '5xx error');
  });

  it('fails batch lines at the fail rate: they land in the error file with status 500/503', async () => {
    const { emulator, client } = await start({ failRate: 0.3, seed: 3 });
    const created = await submitBatch(client, chatBatchText(50));
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    const counts = batch.request_counts!;
    assert.equal(batch.status, 'completed');
    assert.ok(counts.failed > 0 && counts.completed > 0, JSON.stringify(counts));
    const errors = await fileLines(client, batch.error_file_id!);
    assert.equal(errors.length, counts.failed);
    assert.ok(errors.every((line) => [500, 503].includes((line.response as { status_code: number }).status_code)));
  });

  it('draws a retried line\'s fault afresh: a second batch of the same lines does not fail the same ones', async () => {
    const { emulator, client } = await start({ failRate: 0.3, seed: 3 });
    const failedIds = async () => {
      const created = await submitBatch(client, chatBatchText(50));
      const batch = await untilBatch(emulator, client, created.id, isFinished);
      return (await fileLines(client, batch.error_file_id!)).map((line) => line.custom_id).sort();
    };
    const first = await failedIds();
    const second = await failedIds();
    assert.ok(first.length > 0 && second.length > 0);
    assert.notDeepEqual(second, first);
  });

  it('drops connections: the SDK reports a connection error', async () => {
    const { emulator, client } = await start({ dropRate: 1 });
    await assert.rejects(client.batches.list(), (error: unknown) => error instanceof OpenAI.APIConnectionError);
    emulator.faults.dropRate = 0;
    assert.ok(Array.isArray((await client.batches.list()).data));
  });

  it('adds latency from the configured distribution', async () => {
    const { emulator, client } = await start();
    emulator.faults.latency = { kind: 'fixed', meanMs: 120 };
    const began = performance.now();
    await client.batches.list();
    assert.ok(performance.now() - began >= 110, 'the call waited for the latency');
    emulator.faults.latency = { kind: 'uniform', meanMs: 5 };
    await client.batches.list();
  });

  it('fails the next batch at validation when asked', async () => {
    const { emulator, client } = await start();
    emulator.faults.failNextBatch('fail_validation');
    const failed = await untilBatch(emulator, client, (await submitBatch(client, chatBatchText(3))).id, isFinished);
    assert.equal(failed.status, 'failed');
    assert.equal(failed.errors!.data!.length, 1);
    const next = await untilBatch(emulator, client, (await submitBatch(client, chatBatchText(3))).id, isFinished);
    assert.equal(next.status, 'completed', 'only the next batch');
  });

  it('expires the next batch when asked: half done, the rest batch_expired', async () => {
    const { emulator, client } = await start();
    emulator.faults.failNextBatch('expire');
    const batch = await untilBatch(emulator, client, (await submitBatch(client, chatBatchText(10))).id, isFinished);
    assert.equal(batch.status, 'expired');
    assert.deepEqual(batch.request_counts, { total: 10, completed: 5, failed: 0 });
    const expired = await fileLines(client, batch.error_file_id!);
    assert.equal(expired.length, 5);
    assert.ok(expired.every((line) => (line.error as { code: string }).code === 'batch_expired'));
  });

  it('keeps the next batch in_progress past its window when asked (stall), until it is cancelled', async () => {
    const { emulator, client } = await start();
    emulator.faults.failNextBatch('stall');
    const created = await submitBatch(client, chatBatchText(10));
    const stalled = await untilBatch(emulator, client, created.id, (batch) => batch.request_counts.completed === 5);
    // Poll (bounded) until the whole 24h window has passed in emulated time: still in_progress.
    let batch = stalled;
    for (let poll = 0; poll < 10_000 && Date.now() / 1000 <= stalled.expires_at! + 1; poll++) {
      batch = await client.batches.retrieve(created.id);
      assert.equal(batch.status, 'in_progress');
    }
    assert.ok(Date.now() / 1000 > stalled.expires_at! + 1, 'the window has passed');
    assert.deepEqual(batch.request_counts, { total: 10, completed: 5, failed: 0 });
    await client.batches.cancel(created.id);
    const cancelled = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(cancelled.status, 'cancelled');
    assert.equal((await fileLines(client, cancelled.output_file_id!)).length, 5);
  });
});
