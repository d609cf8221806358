import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/core/emulator';
import { emulatorPerTest } from './support';

type Json = Record<string, unknown>;

function claudeRequest(id: string, params: Json = {}): Anthropic.Messages.Batches.BatchCreateParams.Request {
  return { custom_id: id, params: { model: 'claude-haiku-4-5', max_tokens: 256, messages: [{ role: 'user', content: `Say hello to ${id}` }], ...params } } as Anthropic.Messages.Batches.BatchCreateParams.Request;
}

function anthropicFor(emulator: RunningEmulator): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-emulator-test', baseURL: new URL(emulator.baseUrl).origin, maxRetries: 0, timeout: 10_000 });
}

/** Resolves once the emulator reports the batch finished (a change event, never a sleep). */
function untilEnded(emulator: RunningEmulator, client: Anthropic, id: string): Promise<Anthropic.Messages.MessageBatch> {
  return new Promise((resolve, reject) => {
    const subscription = emulator.onBatchChange((batch) => {
      if (batch.id === id && ['completed', 'cancelled', 'expired', 'failed'].includes(batch.status)) void check();
    });
    const check = () =>
      client.messages.batches.retrieve(id).then((batch) => {
        if (batch.processing_status !== 'ended') return;
        subscription.dispose();
        resolve(batch);
      }, reject);
    void check();
  });
}

describe('emulator conformance: the Anthropic SDK against Message Batches', () => {
  const start = emulatorPerTest();

  it('creates, lists, retrieves a batch and streams its results through the official SDK', async () => {
    const { emulator } = await start();
    const client = anthropicFor(emulator);
    const created = await client.messages.batches.create({ requests: [claudeRequest('first'), claudeRequest('second', { system: 'Be brief.' })] });
    assert.match(created.id, /^msgbatch_/);
    assert.equal(created.type, 'message_batch');
    assert.equal(created.processing_status, 'in_progress');

    const ended = await untilEnded(emulator, client, created.id);
    assert.deepEqual(ended.request_counts, { processing: 0, succeeded: 2, errored: 0, canceled: 0, expired: 0 });
    assert.ok(ended.results_url?.endsWith(`/v1/messages/batches/${created.id}/results`));
    assert.equal(typeof ended.ended_at, 'string');

    const results: Anthropic.Messages.MessageBatchIndividualResponse[] = [];
    for await (const result of await client.messages.batches.results(created.id)) results.push(result);
    assert.deepEqual(results.map((result) => result.custom_id).sort(), ['first', 'second']);
    for (const { result } of results) {
      assert.equal(result.type, 'succeeded');
      if (result.type !== 'succeeded') continue;
      assert.equal(result.message.model, 'claude-haiku-4-5');
      assert.equal(result.message.content[0].type, 'text');
      assert.ok(result.message.usage.input_tokens > 0);
    }

    const listed = await client.messages.batches.list({ limit: 10 });
    assert.deepEqual(listed.data.map((batch) => batch.id), [created.id]);
  });

  it('refuses a bad custom_id, a duplicate and a missing max_tokens with 400 invalid_request_error', async () => {
    const { emulator } = await start();
    const client = anthropicFor(emulator);
    const refused = async (requests: Anthropic.Messages.Batches.BatchCreateParams.Request[], pattern: RegExp) => {
      await assert.rejects(client.messages.batches.create({ requests }), (error: unknown) => {
        assert.ok(error instanceof Anthropic.BadRequestError, String(error));
        assert.equal((error.error as { error: { type: string } }).error.type, 'invalid_request_error');
        assert.match(error.message, pattern);
        return true;
      });
    };
    await refused([claudeRequest('has space')], /requests\.0\.custom_id/);
    await refused([claudeRequest('a'), claudeRequest('a')], /requests\.1\.custom_id: Duplicate/);
    await refused([{ custom_id: 'x', params: { model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] } } as never], /max_tokens/);
    await refused([], /at least 1/);
  });

  it('keeps Message Batches and OpenAI batches apart', async () => {
    const { emulator, client: openai } = await start();
    const created = await anthropicFor(emulator).messages.batches.create({ requests: [claudeRequest('only')] });
    assert.deepEqual((await openai.batches.list()).data, []);
    await assert.rejects(openai.batches.retrieve(created.id), /404/);
  });

  it('cancels: requests not run come back as canceled', async () => {
    const { emulator } = await start({ requestsPerSecond: 1, timeScale: 1 });
    const client = anthropicFor(emulator);
    const created = await client.messages.batches.create({ requests: Array.from({ length: 20 }, (_unused, index) => claudeRequest(`r${index}`)) });
    const canceling = await client.messages.batches.cancel(created.id);
    assert.equal(canceling.processing_status, 'canceling');
    const ended = await untilEnded(emulator, client, created.id);
    assert.equal(ended.request_counts.canceled + ended.request_counts.succeeded, 20);
    assert.ok(ended.request_counts.canceled > 0);
  });

  it('answers a 401 without a key and accepts x-api-key', async () => {
    const { emulator } = await start();
    const origin = new URL(emulator.baseUrl).origin;
    assert.equal((await fetch(`${origin}/v1/messages/batches`)).status, 401);
    assert.equal((await fetch(`${origin}/v1/messages/batches`, { headers: { 'x-api-key': 'k' } })).status, 200);
  });
});
