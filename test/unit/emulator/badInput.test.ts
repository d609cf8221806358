import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import type { RunningEmulator } from '../../../src/core/emulator';
import { assertMatchesSchema, emulatorPerTest, rawRequest } from './support';

/** Sends a request with Node's http client (which can lie about Content-Length or stream) and reads the answer. */
function send(emulator: RunningEmulator, options: { path: string; headers: Record<string, string | number>; body?: Readable }): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(emulator.baseUrl + options.path);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { authorization: 'Bearer k', ...options.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown> });
        req.destroy(); // we have the answer; stop sending the rest of the body
      });
      res.on('error', reject);
    });
    req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
    if (options.body) options.body.pipe(req);
    else req.end('x');
  });
}

/** A multipart body whose file part streams `fileBytes` bytes of JSONL, generated as it is read. */
function multipartUpload(fileBytes: number): { body: Readable; contentType: string } {
  const boundary = 'emulator-test-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.jsonl"\r\nContent-Type: application/jsonl\r\n\r\n`;
  const chunk = Buffer.alloc(64 * 1024, 'a');
  async function* generate() {
    yield Buffer.from(head);
    for (let sent = 0; sent < fileBytes; sent += chunk.length) yield chunk.subarray(0, Math.min(chunk.length, fileBytes - sent));
    yield Buffer.from(`\r\n--${boundary}--\r\n`);
  }
  return { body: Readable.from(generate()), contentType: `multipart/form-data; boundary=${boundary}` };
}

describe('emulator bad input: a clear error JSON and status, never a crash or a hung socket', () => {
  const start = emulatorPerTest();

  const errorCases: [string, string, string, Record<string, string>, string | undefined, number][] = [
    ['no API key', 'GET', '/batches', { authorization: '' }, undefined, 401],
    ['malformed JSON', 'POST', '/batches', { 'content-type': 'application/json' }, '{"input_file_id":', 400],
    ['a JSON array body', 'POST', '/chat/completions', { 'content-type': 'application/json' }, '[1,2]', 400],
    ['the wrong content type', 'POST', '/batches', { 'content-type': 'text/plain' }, '{}', 400],
    ['an unknown batch id', 'GET', '/batches/batch_nope', {}, undefined, 404],
    ['an unknown file id', 'GET', '/files/file-nope/content', {}, undefined, 404],
    ['an unknown path', 'GET', '/nothing/here', {}, undefined, 404],
    ['a wrong method', 'PUT', '/batches', {}, undefined, 405],
    ['a JSON upload instead of multipart', 'POST', '/files', { 'content-type': 'application/json' }, '{}', 400],
    ['a multipart upload without a file', 'POST', '/files', { 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n--b--\r\n', 400],
    ['a bad upload purpose', 'POST', '/files', { 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nnonsense\r\n--b\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{}\r\n--b--\r\n', 400],
    ['a truncated multipart body', 'POST', '/files', { 'content-type': 'multipart/form-data; boundary=b' }, '--b\r\nContent-Disposition: form-data; name="file"; filename="a.jsonl"\r\n\r\n{"a"', 400],
    ['a bad list limit', 'GET', '/batches?limit=1000', {}, undefined, 400],
  ];
  for (const [what, method, route, headers, body, status] of errorCases) {
    it(`answers ${status} to ${what}`, async function () {
      const { emulator } = await start();
      const answer = await rawRequest(emulator, method, route, { body, headers });
      assert.equal(answer.status, status, JSON.stringify(answer.json));
      assertMatchesSchema('error', answer.json, `${status} error`);
      // The server is still fine afterwards.
      assert.equal((await rawRequest(emulator, 'GET', '/batches')).status, 200);
    });
  }

  it('refuses an upload over 200 MB from its Content-Length, before reading it (413)', async () => {
    const { emulator } = await start();
    const { body, contentType } = multipartUpload(1024);
    const answer = await send(emulator, { path: '/files', headers: { 'content-type': contentType, 'content-length': 201 * 1024 * 1024 }, body });
    assert.equal(answer.status, 413);
    assert.equal((answer.json.error as { code: string }).code, 'file_too_large');
    assert.match((answer.json.error as { message: string }).message, /200 MB/);
  });

  it('refuses a streamed (chunked) upload as soon as it crosses the limit, and keeps nothing', async () => {
    const { emulator } = await start({ maxUploadBytes: 1024 * 1024 });
    const { body, contentType } = multipartUpload(8 * 1024 * 1024);
    const answer = await send(emulator, { path: '/files', headers: { 'content-type': contentType }, body });
    assert.equal(answer.status, 413);
    const files = await rawRequest(emulator, 'GET', '/files');
    assert.deepEqual(files.json.data, []);
  });
});
