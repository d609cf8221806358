import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../../src/core/emulator';
import type { Job } from '../../../src/core/jobs/job';
import { JobStore, MemoryJobStorage } from '../../../src/core/jobs/jobStore';
import { createProvider, type BatchProvider, type Profile, type ProviderOptions } from '../../../src/core/providers';

/** The project root, from out/test/unit/providers/ where the compiled tests run. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/** 24 emulated hours last 0.5 s: batches finish at once; emulated rate-limit windows last 0.35 s. */
export const FAST_TIME_SCALE = 172_800;

export const TEST_KEY = 'sk-test-4f9c2b7e1d0a8c6b5e3f';

type Json = Record<string, unknown>;

/** Emulators, temp folders and proxies for one test, closed after it. */
export function testResources() {
  const emulators: RunningEmulator[] = [];
  const folders: string[] = [];
  const proxies: FaultProxy[] = [];
  afterEach(async () => {
    await Promise.all(proxies.splice(0).map((proxy) => proxy.close()));
    await Promise.all(emulators.splice(0).map((emulator) => emulator.close()));
    for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
  });
  return {
    async emulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
      const emulator = await startEmulator({ timeScale: FAST_TIME_SCALE, seed: 11, ...options });
      emulators.push(emulator);
      return emulator;
    },
    folder(): string {
      const folder = mkdtempSync(path.join(tmpdir(), 'batch-studio-test-'));
      folders.push(folder);
      return folder;
    },
    async proxy(target: string, rule: ProxyRule): Promise<FaultProxy> {
      const proxy = await startFaultProxy(target, rule);
      proxies.push(proxy);
      return proxy;
    },
  };
}

export function chatLine(id: string, model = 'gpt-4o-mini', extra: Json = {}): Json {
  return { custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model, messages: [{ role: 'user', content: `Say hello to ${id}` }], ...extra } };
}

export function chatLines(count: number, model = 'gpt-4o-mini', prefix = 'request'): Json[] {
  return Array.from({ length: count }, (_unused, index) => chatLine(`${prefix}-${index + 1}`, model));
}

export function writeBatchFile(folder: string, name: string, lines: (Json | string)[]): string {
  const file = path.join(folder, name);
  writeFileSync(file, lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n');
  return file;
}

export function emulatorProfile(baseUrl: string, overrides: Partial<Profile> = {}): Profile {
  return { name: 'Emulator test', kind: 'emulator', baseUrl, ...overrides };
}

export function providerFor(profile: Profile, options: ProviderOptions = {}): BatchProvider {
  return createProvider(profile, TEST_KEY, { maxRetries: 2, timeoutMs: 10_000, ...options });
}

export function memoryJobStore(): { store: JobStore; storage: MemoryJobStorage } {
  const storage = new MemoryJobStorage();
  return { store: new JobStore(storage), storage };
}

/** Polls the provider until the job satisfies `done`: a bounded loop, each poll waiting for the answer before the next. */
export async function pollJob(provider: BatchProvider, id: string, done: (job: Job) => boolean, attempts = 400): Promise<Job> {
  for (let attempt = 0; attempt < attempts; attempt++) {
    const job = await provider.retrieveBatch(id);
    if (done(job)) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`job ${id} did not reach the expected state after ${attempts} polls`);
}

export const isTerminal = (job: Job) => ['completed', 'failed', 'expired', 'cancelled'].includes(job.status);

/** What the proxy does with one request: pass it on, or one of the faults the emulator cannot inject. */
export type ProxyAction =
  | 'pass'
  /** Forward it, let the emulator answer in full, then drop the client's connection: the answer is lost. */
  | 'drop-after'
  /** Forward it, let the emulator answer, then tell the client 500. */
  | 'fail-after'
  /** Answer this instead, without forwarding. */
  | { status: number; body: Json; headers?: Record<string, string> };

/** `count` is the 1-based number of this method + path seen so far. */
export type ProxyRule = (request: { method: string; path: string; count: number }) => ProxyAction;

export interface FaultProxy {
  /** The proxy's base URL (same path as the target's, e.g. `/v1`). */
  baseUrl: string;
  /** Requests seen, by `METHOD path`. */
  seen: Map<string, number>;
  close(): Promise<void>;
}

/** A loopback HTTP proxy in front of the emulator that injects faults after the emulator has acted. */
export async function startFaultProxy(targetBaseUrl: string, rule: ProxyRule): Promise<FaultProxy> {
  const target = new URL(targetBaseUrl);
  const seen = new Map<string, number>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const requestPath = new URL(req.url ?? '/', 'http://proxy').pathname;
    const key = `${req.method} ${requestPath}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const action = rule({ method: req.method ?? 'GET', path: requestPath, count });
    if (typeof action === 'object') {
      req.resume();
      res.writeHead(action.status, { 'content-type': 'application/json', ...action.headers });
      res.end(JSON.stringify(action.body));
      return;
    }
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        if (action === 'pass') {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          return;
        }
        answer.resume();
        answer.on('end', () => {
          if (action === 'drop-after') {
            req.socket.destroy();
          } else {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', param: null, code: null } }));
          }
        });
      },
    );
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${target.pathname}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
