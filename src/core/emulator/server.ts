import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { isIP, type AddressInfo } from 'node:net';
import path from 'node:path';
import { addAnthropicBatchRoutes } from './anthropicBatches';
import { addGeminiRoutes, geminiMissingKey, isGeminiPath } from './geminiBatches';
import { ApiError } from './apiError';
import { addBatchRoutes } from './batchesRoutes';
import { BatchRunner } from './batchRunner';
import { BatchStore } from './batchStore';
import { FaultInjector } from './faults';
import { addFileRoutes } from './filesRoutes';
import { FileStore } from './fileStore';
import { sendError } from './http';
import { InferenceEngine } from './inference';
import { addInferenceRoutes } from './inferenceRoutes';
import { addDialectInferenceRoutes, errorInShapeOf } from './dialectRoutes';
import { RequestLog } from './requestLog';
import { Router } from './router';
import { SeedApi } from './seedApi';
import { EmulatedClock, sleep } from './timing';
import type { BatchObject, EmulatorOptions } from './types';
import { FINISHED_BATCH_STATUSES } from './types';
import { UpstreamClient } from './upstream';
import { errorMessage } from '../errors/errorText';

const DEFAULT_MAX_UPLOAD_BYTES = 200 * 1024 * 1024;

export interface RunningEmulator {
  /** e.g. `http://127.0.0.1:41234/v1`: the base URL to give an OpenAI client. */
  readonly baseUrl: string;
  readonly port: number;
  /** The faults in force; change them at any time (`faults.rpm = 2`, `faults.failNextBatch('expire')`). */
  readonly faults: FaultInjector;
  /** API calls counted by route. */
  readonly requestLog: RequestLog;
  /** Called with a copy of a batch whenever it changes (created, status, counts). */
  onBatchChange(listener: (batch: BatchObject) => void): { dispose(): void };
  /** Stops the server: open connections are closed, running batches stop where they are (kept with dataDir). */
  close(): Promise<void>;
}

const MISSING_KEY_MESSAGE =
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";

/**
 * Any key is accepted, as a Bearer token, Azure's `api-key` header, Anthropic's `x-api-key` or Google's
 * `x-goog-api-key`; none at all gets the real API's 401.
 */
function hasApiKey(req: IncomingMessage): boolean {
  const { headers } = req;
  return /^Bearer\s+\S+/i.test(headers.authorization ?? '') || typeof headers['api-key'] === 'string' || typeof headers['x-api-key'] === 'string' || typeof headers['x-goog-api-key'] === 'string';
}

/**
 * Azure OpenAI's paths for Files and Batches, as the SDK's `AzureOpenAI` client calls them: the resource
 * form `/openai/files`, `/openai/batches…` (with `?api-version=`) and the v1 form `/openai/v1/…`. Both are
 * served by the `/v1/…` routes.
 */
function azureResourcePath(pathname: string): { path: string; apiVersionRequired: boolean } | undefined {
  const found = /^\/openai(\/v1)?(\/(?:files|batches)(?:\/.*)?)$/.exec(pathname);
  return found ? { path: `/v1${found[2]}`, apiVersionRequired: found[1] === undefined } : undefined;
}

/** Azure's own answers: a resource call needs the `api-key` header (or a bearer token) and an api-version. */
function checkAzureRequest(req: IncomingMessage, query: URLSearchParams, apiVersionRequired: boolean): void {
  if (!hasApiKey(req)) {
    throw new ApiError(401, 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.', 'invalid_request_error', null, '401');
  }
  if (apiVersionRequired && !query.get('api-version')) throw new ApiError(404, 'Resource not found', 'invalid_request_error', null, '404');
}

/**
 * True when the request names this server by address (`127.0.0.1:PORT`, `[::1]:PORT`, `localhost:PORT`, or
 * any IP literal with our port): a page that rebinds its own domain name to 127.0.0.1 (DNS rebinding) sends
 * its domain in `Host` and is refused, so a web page cannot drive the emulator or its upstream.
 */
function namesThisServer(host: string | undefined, port: number): boolean {
  if (!host) return false;
  let url: URL;
  try {
    url = new URL(`http://${host}`);
  } catch {
    return false;
  }
  if (url.username || url.password || url.pathname !== '/' || Number(url.port || 80) !== port) return false;
  return url.hostname === 'localhost' || isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0;
}

/** Starts the OpenAI-compatible batch emulator on loopback (by default) and resolves once it listens. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const clock = new EmulatedClock(options.timeScale ?? 1);
  const seed = options.seed ?? randomInt(2 ** 31);
  const faults = new FaultInjector(
    {
      latency: options.latencyMs ? { kind: 'fixed', meanMs: options.latencyMs } : undefined,
      rpm: options.rpm,
      tpm: options.tpm,
      failRate: options.failRate,
      dropRate: options.dropRate,
      keepAliveMs: options.keepAliveMs,
      batchFault: options.batchFault,
    },
    seed,
    clock,
  );
  const files = await FileStore.open(options.dataDir);
  const batches = await BatchStore.open(options.dataDir);
  const upstream = options.upstream
    ? new UpstreamClient(options.upstream, options.upstreamApiKey && `Bearer ${options.upstreamApiKey}`, options.dataDir && path.join(options.dataDir, 'upstream-recordings.jsonl'))
    : undefined;
  const engine = new InferenceEngine(faults, upstream);
  const runner = new BatchRunner({ files, batches, engine, clock, seed, requestsPerSecond: options.requestsPerSecond, upstream: upstream !== undefined });
  const seedApi = new SeedApi(engine, faults);
  const requestLog = new RequestLog();

  const router = new Router();
  addFileRoutes(router, files, options.maxUploadBytes ?? DEFAULT_MAX_UPLOAD_BYTES);
  addBatchRoutes(router, { files, batches, runner, faults, clock });
  addAnthropicBatchRoutes(router, { files, batches, runner, faults, clock });
  addGeminiRoutes(router, { files, batches, runner, faults, clock });
  addInferenceRoutes(router, engine, faults);
  addDialectInferenceRoutes(router, engine, faults);
  seedApi.addRoutes(router);

  let boundPort = 0;
  const server = createServer((req, res) => void handle(req, res));
  /** Every request ends in an answer or a deliberately dropped connection, never an exception or a hang. */
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    req.on('error', () => undefined); // a client that vanishes mid-body is not the server's problem
    // Appended to a fixed origin after a '/', a request target (`//x`, `*`) always parses as a path.
    const target = req.url ?? '/';
    const url = new URL(`http://emulator${target.startsWith('/') ? target : `/${target}`}`);
    const azure = azureResourcePath(url.pathname);
    const match = router.match(req.method ?? 'GET', azure?.path ?? url.pathname);
    requestLog.record(azure ? `${match.route} (azure)` : match.route);
    try {
      if (!namesThisServer(req.headers.host, boundPort)) {
        throw new ApiError(421, `This emulator answers only requests addressed to it by IP address or localhost (Host: ${JSON.stringify(req.headers.host ?? '')}).`, 'invalid_request_error', null, 'misdirected_request');
      }
      if ('error' in match) throw match.error;
      if (azure) checkAzureRequest(req, url.searchParams, azure.apiVersionRequired);
      else if (!hasApiKey(req)) throw isGeminiPath(url.pathname) ? geminiMissingKey() : new ApiError(401, MISSING_KEY_MESSAGE, 'invalid_request_error', null, null);
      if (faults.shouldDropConnection()) return void req.socket.destroy();
      const latency = faults.latencyMs();
      if (latency > 0) await sleep(latency);
      const limited = faults.admitRequest();
      if (limited) throw limited;
      for (const [name, value] of Object.entries(faults.rateLimitHeaders('requests'))) res.setHeader(name, value);
      await match.handler({ req, res, params: match.params, query: url.searchParams, azure: azure !== undefined });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError(500, `The emulator failed: ${errorMessage(error)}`, 'server_error', null, 'internal_error');
      if (!res.headersSent) {
        sendError(res, errorInShapeOf(url.pathname, apiError));
        req.resume(); // drain what the client may still be sending, so it gets to read the answer
      } else {
        res.destroy();
      }
    }
  }

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await files.close(); // e.g. the port is taken: leave no temp folder behind
    throw error;
  }
  const address = server.address() as AddressInfo;
  boundPort = address.port;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;

  // Batches left unfinished by a previous process (dataDir) carry on.
  for (const record of batches.all()) {
    if (!FINISHED_BATCH_STATUSES.has(record.batch.status)) runner.start(record);
  }

  let closed: Promise<void> | undefined;
  return {
    baseUrl: `http://${host}:${address.port}/v1`,
    port: address.port,
    faults,
    requestLog,
    onBatchChange: (listener) => batches.onChange(listener),
    close: () =>
      (closed ??= (async () => {
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await Promise.all([stopped, runner.close(), seedApi.close()]);
        await Promise.all([batches.flush(), upstream?.flush()]);
        await files.close();
      })()),
  };
}
