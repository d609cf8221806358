import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { chatBatchText, emulatorPerTest, fileLines, isFinished, submitBatch, tempDirPerTest, untilBatch } from './support';

describe('emulator --upstream: forwards inference to a real OpenAI-compatible server and records it', () => {
  const start = emulatorPerTest();
  const data = tempDirPerTest('emulator-upstream-');

  it('forwards direct calls and batch lines, and records each exchange', async () => {
    // A second emulator plays the upstream model server.
    const upstream = await start();
    const { emulator, client } = await start({ dataDir: data.path, upstream: upstream.emulator.baseUrl, upstreamApiKey: 'upstream-key' });

    const answer = await client.chat.completions.create({ model: 'local-model', messages: [{ role: 'user', content: 'hi upstream' }] });
    assert.match(answer.choices[0].message.content!, /hi upstream/);
    assert.equal(upstream.emulator.requestLog.count('POST /v1/chat/completions'), 1);

    const created = await submitBatch(client, chatBatchText(20));
    const batch = await untilBatch(emulator, client, created.id, isFinished);
    assert.equal(batch.status, 'completed');
    assert.equal((await fileLines(client, batch.output_file_id!)).length, 20);
    assert.equal(upstream.emulator.requestLog.count('POST /v1/chat/completions'), 21);
    assert.equal(upstream.emulator.requestLog.count('POST /v1/batches'), 0, 'only inference is forwarded');

    await emulator.close();
    const recordings = readFileSync(path.join(data.path, 'upstream-recordings.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(recordings.length, 21);
    assert.deepEqual(Object.keys(recordings[0]).sort(), ['at', 'endpoint', 'request', 'response', 'status']);
  });

  it('answers 502 when the upstream cannot be reached', async () => {
    const { client } = await start({ upstream: 'http://127.0.0.1:9/v1' });
    await assert.rejects(
      client.chat.completions.create({ model: 'm', messages: [{ role: 'user', content: 'x' }] }),
      (error: unknown) => (error as { status?: number }).status === 502,
    );
  });
});
