import { GoogleGenAI, type BatchJob } from '@google/genai';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RunningEmulator } from '../../../src/core/emulator';
import { emulatorPerTest, tempDirPerTest } from './support';

function geminiFor(emulator: RunningEmulator): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'gemini-emulator-test', httpOptions: { baseUrl: new URL(emulator.baseUrl).origin, retryOptions: { attempts: 1 } } });
}

function requestLine(key: string, text = `Say hello to ${key}`): string {
  return JSON.stringify({ key, request: { contents: [{ role: 'user', parts: [{ text }] }], generationConfig: { maxOutputTokens: 200 } } });
}

const ENDED = ['JOB_STATE_SUCCEEDED', 'JOB_STATE_FAILED', 'JOB_STATE_CANCELLED', 'JOB_STATE_EXPIRED'];

/** Resolves once the batch has ended, checked on each change the emulator reports (never a sleep). */
function untilEnded(emulator: RunningEmulator, client: GoogleGenAI, name: string): Promise<BatchJob> {
  const id = name.replace(/^batches\//, '');
  return new Promise((resolve, reject) => {
    const subscription = emulator.onBatchChange((batch) => {
      if (batch.id === id && ['completed', 'cancelled', 'expired', 'failed'].includes(batch.status)) void check();
    });
    const check = () =>
      client.batches.get({ name }).then((batch) => {
        if (!ENDED.includes(batch.state ?? '')) return;
        subscription.dispose();
        resolve(batch);
      }, reject);
    void check();
  });
}

describe('emulator conformance: the Google Gen AI SDK against Gemini Batch Mode and the File API', () => {
  const start = emulatorPerTest();
  const temp = tempDirPerTest('gemini-conformance-');

  async function upload(client: GoogleGenAI, lines: string[]) {
    const file = path.join(temp.path, 'requests.jsonl');
    writeFileSync(file, lines.join('\n') + '\n');
    return client.files.upload({ file, config: { mimeType: 'application/jsonl', displayName: 'requests.jsonl' } });
  }

  it('uploads the file (resumable), creates a batch for the model, polls, lists and downloads its responses by key', async () => {
    const { emulator } = await start();
    const client = geminiFor(emulator);
    const file = await upload(client, [requestLine('first'), requestLine('second', 'Why is the sky blue?')]);
    assert.match(file.name ?? '', /^files\//);
    assert.equal(file.mimeType, 'application/jsonl');
    assert.equal(Number(file.sizeBytes), readFileSync(path.join(temp.path, 'requests.jsonl')).length);

    const created = await client.batches.create({ model: 'gemini-2.5-flash', src: file.name!, config: { displayName: 'conformance' } });
    assert.match(created.name ?? '', /^batches\//);
    assert.equal(created.displayName, 'conformance');
    assert.equal(created.model, 'models/gemini-2.5-flash');
    assert.ok(['JOB_STATE_PENDING', 'JOB_STATE_RUNNING', 'JOB_STATE_SUCCEEDED'].includes(created.state ?? ''), created.state);

    const ended = await untilEnded(emulator, client, created.name!);
    assert.equal(ended.state, 'JOB_STATE_SUCCEEDED');
    assert.match(ended.dest?.fileName ?? '', /^files\//);

    const listed = await client.batches.list({ config: { pageSize: 10 } });
    assert.deepEqual(listed.page.map((batch) => batch.name), [created.name]);

    const target = path.join(temp.path, 'responses.jsonl');
    await client.files.download({ file: ended.dest!.fileName!, downloadPath: target });
    const lines = readFileSync(target, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { key: string; response: { candidates: Array<{ content: { parts: Array<{ text: string }> } }>; usageMetadata: { promptTokenCount: number } } });
    assert.deepEqual(lines.map((line) => line.key).sort(), ['first', 'second']);
    const second = lines.find((line) => line.key === 'second')!;
    assert.match(second.response.candidates[0].content.parts[0].text, /Why is the sky blue\?/);
    assert.ok(second.response.usageMetadata.promptTokenCount > 0);
  });

  it('refuses a batch whose file breaks Gemini\'s rules with 400 INVALID_ARGUMENT naming the line, and one without a display name', async () => {
    const { emulator } = await start();
    const client = geminiFor(emulator);
    const bad = await upload(client, [requestLine('a'), JSON.stringify({ key: 'b', request: { contents: [] } })]);
    await assert.rejects(client.batches.create({ model: 'gemini-2.5-flash', src: bad.name!, config: { displayName: 'bad' } }), (error: Error & { status?: number }) => {
      assert.equal(error.status, 400);
      assert.match(error.message, /INVALID_ARGUMENT/);
      assert.match(error.message, /line 2/);
      return true;
    });
    const good = await upload(client, [requestLine('a')]);
    await assert.rejects(client.batches.create({ model: 'gemini-2.5-flash', src: good.name! }), /display_name is required/);
    await assert.rejects(client.batches.get({ name: 'batches/missing' }), /NOT_FOUND/);
  });

  it('cancels a running batch', async () => {
    const { emulator } = await start({ requestsPerSecond: 1, timeScale: 1 });
    const client = geminiFor(emulator);
    const file = await upload(client, Array.from({ length: 20 }, (_unused, index) => requestLine(`r${index}`)));
    const created = await client.batches.create({ model: 'gemini-2.5-flash', src: file.name!, config: { displayName: 'to cancel' } });
    await client.batches.cancel({ name: created.name! });
    const ended = await untilEnded(emulator, client, created.name!);
    assert.equal(ended.state, 'JOB_STATE_CANCELLED');
  });

  it('keeps Gemini batches apart from OpenAI batches and answers 403 PERMISSION_DENIED without a key, as the API does', async () => {
    const { emulator, client: openai } = await start();
    const file = await upload(geminiFor(emulator), [requestLine('only')]);
    await geminiFor(emulator).batches.create({ model: 'gemini-2.5-flash', src: file.name!, config: { displayName: 'apart' } });
    assert.deepEqual((await openai.batches.list()).data, []);
    const origin = new URL(emulator.baseUrl).origin;
    const refused = await fetch(`${origin}/v1beta/batches`);
    assert.equal(refused.status, 403);
    assert.equal(((await refused.json()) as { error: { status: string } }).error.status, 'PERMISSION_DENIED', 'in Google\'s error shape');
    assert.equal((await fetch(`${origin}/v1beta/batches`, { headers: { 'x-goog-api-key': 'k' } })).status, 200);
  });
});
