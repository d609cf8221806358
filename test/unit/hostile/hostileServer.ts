import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One request as the server saw it. */
export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export type HostileHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface HostileServer {
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Every request received, in order. */
  requests: SeenRequest[];
  close(): Promise<void>;
}

/**
 * A local HTTP server that misbehaves on purpose, standing in for a hostile or broken provider. Its
 * connections are destroyed on close, so a handler that never answers cannot keep a test alive.
 */
export async function startHostileServer(handler: HostileHandler): Promise<HostileServer> {
  const requests: SeenRequest[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    // Drain the body, so the client's upload finishes whatever the handler does.
    request.resume();
    handler(request, response);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Answers every request with a redirect to `location` (another origin, typically). */
export function redirectTo(location: string, status = 307): HostileHandler {
  return (_request, response) => {
    response.writeHead(status, { location });
    response.end();
  };
}

/** Sends a 200 and its headers, one body chunk, then nothing: the connection stays open. */
export function headersThenStall(firstChunk = ''): HostileHandler {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/octet-stream' });
    response.flushHeaders();
    if (firstChunk) response.write(firstChunk);
  };
}

/** A fixed status and raw body text (e.g. 500 with `null`). */
export function rawAnswer(status: number, body: string, contentType = 'application/json'): HostileHandler {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': contentType });
    response.end(body);
  };
}

/** A JSON answer. */
export function jsonAnswer(status: number, body: unknown): HostileHandler {
  return rawAnswer(status, JSON.stringify(body));
}
