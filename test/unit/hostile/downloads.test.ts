import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createProvider } from '../../../src/core/providers';
import { IncompleteDownloadError } from '../../../src/core/providers/fileDownload';
import { headersThenStall, jsonAnswer, startHostileServer, type HostileHandler, type HostileServer } from './hostileServer';

const FILE_ID = 'file-out';
const CONTENT = '{"custom_id":"a","response":{"status_code":200,"body":{}},"error":null}\n'.repeat(50);

/** Serves the file object (with its true size) and hands the content request to `content`. */
function fileServer(content: HostileHandler): HostileHandler {
  return (request, response) => {
    if (request.url === `/v1/files/${FILE_ID}`) jsonAnswer(200, { id: FILE_ID, object: 'file', bytes: Buffer.byteLength(CONTENT), created_at: 1, filename: 'out.jsonl', purpose: 'batch_output' })(request, response);
    else content(request, response);
  };
}

/** A raw HTTP server whose content answer has no length and no chunking, cut after half the bytes. */
async function closeDelimitedHalf(): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((socket) => {
    socket.once('data', (data) => {
      const target = /^GET (\S+)/.exec(data.toString('latin1'))?.[1];
      if (target === `/v1/files/${FILE_ID}`) {
        const body = JSON.stringify({ id: FILE_ID, object: 'file', bytes: Buffer.byteLength(CONTENT), created_at: 1, filename: 'out.jsonl', purpose: 'batch_output' });
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
      } else {
        socket.end(`HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\nconnection: close\r\n\r\n${CONTENT.slice(0, CONTENT.length / 2)}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('downloads from hostile servers', () => {
  let folder = '';
  let server: HostileServer | { close(): Promise<void> } | undefined;
  beforeEach(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'batch-studio-download-'));
  });
  afterEach(async () => {
    await server?.close();
    server = undefined;
    rmSync(folder, { recursive: true, force: true });
  });

  it('a server that sends headers and stalls is given up after the idle timeout, leaving no file and no .part', async () => {
    const started = await startHostileServer(fileServer(headersThenStall(CONTENT.slice(0, 10))));
    server = started;
    const provider = createProvider({ name: 'P', kind: 'openai', baseUrl: `${started.origin}/v1` }, 'sk-test-abcdefgh1234');
    const destination = path.join(folder, 'out.results.jsonl');
    await assert.rejects(provider.downloadFile(FILE_ID, destination, { idleTimeoutMs: 200 }), (error: unknown) => error instanceof IncompleteDownloadError && /stalled/.test(error.message));
    assert.deepEqual(readdirSync(folder), []);
  });

  it('a cancelled download leaves no .part', async () => {
    const started = await startHostileServer(fileServer(headersThenStall(CONTENT.slice(0, 10))));
    server = started;
    const provider = createProvider({ name: 'P', kind: 'openai', baseUrl: `${started.origin}/v1` }, 'sk-test-abcdefgh1234');
    const cancel = new AbortController();
    const download = provider.downloadFile(FILE_ID, path.join(folder, 'out.results.jsonl'), { signal: cancel.signal, onProgress: () => cancel.abort() });
    await assert.rejects(download);
    assert.deepEqual(readdirSync(folder), []);
  });

  it('a body without a length cut short is not kept as complete: the file object says how many bytes it has', async () => {
    const started = await closeDelimitedHalf();
    server = started;
    const provider = createProvider({ name: 'P', kind: 'openai', baseUrl: `${started.origin}/v1` }, 'sk-test-abcdefgh1234');
    await assert.rejects(provider.downloadFile(FILE_ID, path.join(folder, 'out.results.jsonl')), (error: unknown) => error instanceof IncompleteDownloadError && /ended after \d+ of its \d+ bytes/.test(error.message));
    assert.deepEqual(readdirSync(folder), []);
  });

  it('removes .part files an earlier, dead download left, and keeps a live one', async () => {
    const started = await startHostileServer(fileServer((_request, response) => response.end(CONTENT)));
    server = started;
    const stale = path.join(folder, 'out.results.jsonl.0123456789ab.part');
    const live = path.join(folder, 'out.results.jsonl.ba9876543210.part');
    writeFileSync(stale, 'half');
    writeFileSync(live, 'half');
    utimesSync(stale, new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    const provider = createProvider({ name: 'P', kind: 'openai', baseUrl: `${started.origin}/v1` }, 'sk-test-abcdefgh1234');
    const { bytes } = await provider.downloadFile(FILE_ID, path.join(folder, 'out.results.jsonl'));
    assert.equal(bytes, Buffer.byteLength(CONTENT));
    assert.deepEqual(readdirSync(folder).sort(), ['out.results.jsonl', 'out.results.jsonl.ba9876543210.part']);
  });
});
