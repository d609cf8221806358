import assert from 'node:assert/strict';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { emulatorPerTest, rawRequest } from './support';

const json = (body: unknown) => ({ body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
const messages = (text: string) => ({ messages: [{ role: 'user', content: text }] });

interface Entry {
  index: number;
  response?: { choices: { message: { content: string } }[]; usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number } };
  error?: { message: string; type: string; code: string | null };
}

describe('emulator seed API (DeepSeek-style batch endpoints)', () => {
  const start = emulatorPerTest();

  it('answers POST /v1/batch/chat/completions synchronously, with per-entry errors on partial failure', async () => {
    const { emulator } = await start();
    const answer = await rawRequest(emulator, 'POST', '/batch/chat/completions', json({ model: 'deepseek-chat', requests: [messages('one'), { messages: [] }, messages('three')] }));
    assert.equal(answer.status, 200);
    assert.equal(answer.json.object, 'batch.completion');
    assert.equal(answer.json.model, 'deepseek-chat');
    const responses = answer.json.responses as Entry[];
    assert.deepEqual(responses.map((entry) => entry.index), [0, 1, 2]);
    assert.ok(responses[0].response && responses[2].response);
    assert.equal(responses[1].error?.code, 'missing_required_parameter');
    assert.match(responses[2].response!.choices[0].message.content, /three/);
    const usage = answer.json.total_usage as Record<string, number>;
    const sum = (key: 'prompt_tokens' | 'completion_tokens') => responses[0].response!.usage[key] + responses[2].response!.usage[key];
    assert.deepEqual(usage, { prompt_tokens: sum('prompt_tokens'), completion_tokens: sum('completion_tokens'), total_tokens: sum('prompt_tokens') + sum('completion_tokens') });
  });

  it('refuses a seed request without model or requests (400)', async () => {
    const { emulator } = await start();
    assert.equal((await rawRequest(emulator, 'POST', '/batch/chat/completions', json({ requests: [messages('x')] }))).status, 400);
    assert.equal((await rawRequest(emulator, 'POST', '/batch/jobs', json({ model: 'deepseek-chat', requests: [] }))).status, 400);
  });

  it('runs an async job: POST /v1/batch/jobs, progress by GET, the final job POSTed to the loopback callback', async () => {
    const callbacks = createServer();
    const received = once(callbacks, 'request') as Promise<[IncomingMessage, import('node:http').ServerResponse]>;
    await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve));
    try {
      const { emulator } = await start({ failRate: 0.25, seed: 11 });
      const callbackUrl = `http://127.0.0.1:${(callbacks.address() as AddressInfo).port}/done`;
      const requests = Array.from({ length: 120 }, (_unused, i) => messages(`question ${i}`));
      const created = await rawRequest(emulator, 'POST', '/batch/jobs', json({ model: 'deepseek-chat', requests, callback_url: callbackUrl }));
      assert.equal(created.status, 200);
      const jobId = created.json.job_id as string;
      assert.match(jobId, /^job_/);
      assert.equal(created.json.total, 120);

      const [request, response] = await received;
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      response.end();
      const final = JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>;
      assert.equal(request.method, 'POST');
      assert.equal(final.job_id, jobId);
      assert.equal(final.status, 'completed');
      assert.equal(final.completed, 120);
      const failures = (final.responses as Entry[]).filter((entry) => entry.error).length;
      assert.ok(failures > 0 && failures < 120, `${failures} failed`);
      assert.equal(final.success_rate, Number(((120 - failures) / 120).toFixed(4)));

      const polled = await rawRequest(emulator, 'GET', `/batch/jobs/${jobId}`);
      assert.deepEqual(
        { status: polled.json.status, completed: polled.json.completed, total: polled.json.total, success_rate: polled.json.success_rate },
        { status: 'completed', completed: 120, total: 120, success_rate: final.success_rate },
      );
      assert.equal((await rawRequest(emulator, 'GET', '/batch/jobs/job_unknown')).status, 404);
    } finally {
      callbacks.close();
    }
  });

  it('only calls back loopback URLs', async () => {
    const { emulator } = await start();
    const refused = await rawRequest(emulator, 'POST', '/batch/jobs', json({ model: 'deepseek-chat', requests: [messages('x')], callback_url: 'http://example.com/hook' }));
    assert.equal(refused.status, 400);
    assert.equal((refused.json.error as { param: string }).param, 'callback_url');
  });
});
