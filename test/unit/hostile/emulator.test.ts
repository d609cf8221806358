import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { request } from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from '../providers/support';
import { rawAnswer, startHostileServer, type HostileServer } from './hostileServer';

interface Answer {
  status: number;
  body: unknown;
}

/** One HTTP call with full control of the headers (fetch will not send a forged Host). */
function call(baseUrl: string, method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const url = new URL(`${baseUrl}${route}`);
  const payload = body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { method, headers: { authorization: 'Bearer caller-key-Xy9', 'content-type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk) => (text += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text ? (JSON.parse(text) as unknown) : undefined }));
    });
    outgoing.on('error', reject);
    outgoing.end(payload);
  });
}

/** `{"a":{"a":…}}` nested `depth` deep, as text (JSON.stringify would recurse as deep). */
function nested(depth: number): string {
  return `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
}

describe('batch-studio emulator against hostile callers and upstreams', () => {
  let child: ChildProcess | undefined;
  let upstream: HostileServer | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
    await upstream?.close();
    upstream = undefined;
  });

  async function startCli(args: string[] = [], env: Record<string, string> = {}): Promise<string> {
    child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), 'emulator', '--port', '0', '--seed', '1', '--time-scale', '100000', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
    const match = /listening on (http:\/\/\S+\/v1)$/.exec(firstLine);
    assert.ok(match, firstLine);
    return match[1];
  }

  it('refuses a request whose Host is a domain name (DNS rebinding) and serves its own address', async () => {
    const baseUrl = await startCli();
    const port = new URL(baseUrl).port;
    const refused = await call(baseUrl, 'GET', '/batches', undefined, { host: `rebind.evil.example:${port}` });
    assert.equal(refused.status, 421);
    assert.equal((refused.body as { error: { code: string } }).error.code, 'misdirected_request');
    assert.equal((await call(baseUrl, 'GET', '/batches', undefined, { host: `localhost:${port}` })).status, 200);
    assert.equal((await call(baseUrl, 'GET', '/batches')).status, 200);
  });

  it('sends the upstream only its own key, never the caller\'s', async () => {
    upstream = await startHostileServer(rawAnswer(200, JSON.stringify({ id: 'c', object: 'chat.completion', choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } })));
    const baseUrl = await startCli(['--upstream', `${upstream.origin}/v1`], { BATCH_STUDIO_UPSTREAM_API_KEY: 'upstream-only-key' });
    assert.equal((await call(baseUrl, 'POST', '/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] })).status, 200);
    assert.equal((await call(baseUrl, 'POST', '/batch/chat/completions', { model: 'm', requests: [{ messages: [{ role: 'user', content: 'hi' }] }] })).status, 200);
    assert.deepEqual(upstream.requests.map((seen) => seen.headers.authorization), ['Bearer upstream-only-key', 'Bearer upstream-only-key']);
  });

  it('answers a request nested 20,000 deep and keeps serving', async () => {
    const baseUrl = await startCli();
    const deep = `{"model":"m","requests":[{"messages":[{"role":"user","content":${nested(20_000)}}]}]}`;
    for (const route of ['/batch/jobs', '/batch/chat/completions', '/chat/completions']) {
      const answer = await call(baseUrl, 'POST', route, route === '/chat/completions' ? `{"model":"m","messages":[{"role":"user","content":${nested(20_000)}}]}` : deep);
      assert.ok(answer.status === 200 || (answer.status >= 400 && (answer.body as { error?: unknown }).error), `${route}: ${answer.status}`);
    }
    assert.equal((await call(baseUrl, 'GET', '/batches')).status, 200);
    assert.equal(child!.exitCode, null);
  });

  it('an upstream answering 500 with body null fails the request, not the process', async () => {
    upstream = await startHostileServer(rawAnswer(500, 'null'));
    const baseUrl = await startCli(['--upstream', `${upstream.origin}/v1`]);
    const direct = await call(baseUrl, 'POST', '/chat/completions', { model: 'm', messages: [{ role: 'user', content: 'hi' }] });
    assert.equal(direct.status, 502);
    assert.match((direct.body as { error: { message: string } }).error.message, /not a JSON object/);
    const job = (await call(baseUrl, 'POST', '/batch/jobs', { model: 'm', requests: [{ messages: [{ role: 'user', content: 'hi' }] }] })).body as { job_id: string };
    let status = '';
    while (status !== 'failed' && status !== 'completed') {
      const polled = await call(baseUrl, 'GET', `/batch/jobs/${job.job_id}`);
      assert.equal(polled.status, 200);
      status = (polled.body as { status: string }).status;
    }
    assert.equal(status, 'failed');
    assert.equal((await call(baseUrl, 'GET', '/batches')).status, 200);
    assert.equal(child!.exitCode, null);
  });
});
