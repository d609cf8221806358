import { createReadStream, createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { GEMINI_ENDPOINT } from '../dialects/gemini/rules';
import { validateBatchFile } from '../validation';
import { ApiError } from './apiError';
import { COMPLETION_WINDOW_SECONDS } from './batchRunner';
import type { BatchRouteContext } from './batchesRoutes';
import type { BatchRecord } from './batchStore';
import type { FileStore } from './fileStore';
import { EMULATOR_HEADER, readJsonBody, sendJson } from './http';
import { newId, unixSeconds } from './ids';
import type { Router } from './router';
import { FINISHED_BATCH_STATUSES, type BatchOutputLine, type BatchStatus, type FileObject } from './types';

/** Google's canonical status names for the HTTP codes the emulator answers with (google.rpc.Code). */
const STATUS_NAMES: Readonly<Record<number, string>> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  408: 'DEADLINE_EXCEEDED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

function statusName(code: number): string {
  return STATUS_NAMES[code] ?? (code >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION');
}

/** An error in the shape the Gemini API answers with: `{"error": {"code", "message", "status"}}`. */
export class GeminiApiError extends ApiError {
  override toBody(): Record<string, unknown> {
    return { error: { code: this.status, message: this.message, status: statusName(this.status) } };
  }
}

const invalidArgument = (message: string) => new GeminiApiError(400, message);

/** The Gemini API's paths (its File API uploads included), whose errors take Google's shape. */
export function isGeminiPath(pathname: string): boolean {
  return pathname.startsWith('/v1beta/') || pathname.startsWith('/upload/v1beta/');
}

/** What the Gemini API answers a call without a key. */
export function geminiMissingKey(): GeminiApiError {
  return new GeminiApiError(403, "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
}
const notFound = (message: string) => new GeminiApiError(404, message);

const STATE_BY_STATUS: Readonly<Record<BatchStatus, string>> = {
  validating: 'BATCH_STATE_PENDING',
  in_progress: 'BATCH_STATE_RUNNING',
  finalizing: 'BATCH_STATE_RUNNING',
  cancelling: 'BATCH_STATE_RUNNING',
  completed: 'BATCH_STATE_SUCCEEDED',
  failed: 'BATCH_STATE_FAILED',
  cancelled: 'BATCH_STATE_CANCELLED',
  expired: 'BATCH_STATE_EXPIRED',
};

/** The name the File API gives a file (`files/…`) and back. */
const fileName = (file: FileObject) => `files/${file.id}`;
const fileIdOf = (name: string) => name.replace(/^files\//, '');

function isoTime(seconds: number | undefined): string | undefined {
  return seconds === undefined ? undefined : new Date(seconds * 1000).toISOString();
}

function geminiFile(file: FileObject, origin: string, mimeType = 'application/jsonl'): Record<string, unknown> {
  return {
    name: fileName(file),
    displayName: file.filename,
    mimeType,
    sizeBytes: String(file.bytes),
    createTime: isoTime(file.created_at),
    updateTime: isoTime(file.created_at),
    expirationTime: isoTime(file.expires_at),
    uri: `${origin}/v1beta/${fileName(file)}`,
    state: 'ACTIVE',
    source: 'UPLOADED',
  };
}

/** A resumable upload between its `start` and its `finalize`. */
interface PendingUpload {
  displayName: string;
  mimeType: string;
  tempPath: string;
  received: number;
}

/**
 * The Gemini API's File API and Batch Mode on the emulator's origin, so the official `@google/genai` SDK works
 * against it unchanged: the resumable upload (`POST /upload/v1beta/files`, then the returned upload URL), file
 * metadata and download (`GET /v1beta/files/{id}:download?alt=media`), and batches (`POST
 * /v1beta/models/{model}:batchGenerateContent`, get, list, `:cancel`). A batch runs through the same runner as
 * OpenAI's (faults, pacing, persistence); its input file is checked at create by Gemini's rules
 * (src/core/dialects/gemini/rules.ts: a 400 INVALID_ARGUMENT naming the line), and its responses file is
 * written once it has ended: `{key, response}` or `{key, error}` per request, as the real API writes it.
 */
export function addGeminiRoutes(router: Router, context: BatchRouteContext): void {
  const { files, batches } = context;
  const uploads = new Map<string, PendingUpload>();
  const existingFile = (id: string): FileObject => {
    const file = files.get(fileIdOf(id));
    if (!file) throw notFound(`File files/${id} not found.`);
    return file;
  };
  const existingBatch = (id: string): BatchRecord => {
    const record = batches.get(id, 'gemini');
    if (!record) throw notFound(`Batch batches/${id} not found.`);
    return record;
  };
  const origin = (req: IncomingMessage) => `http://${req.headers.host ?? '127.0.0.1'}`;
  router
    .add('POST', '/upload/v1beta/files', async ({ req, res, query }) => {
      const uploadId = query.get('upload_id');
      if (uploadId === null) return startUpload(req, res, uploads, files, origin(req));
      const pending = uploads.get(uploadId);
      if (!pending) throw notFound(`Upload ${uploadId} not found or already finalized.`);
      await receiveChunk(req, res, pending, () => uploads.delete(uploadId), files, origin(req));
    })
    .add('GET', '/v1beta/files/{id}:download', async ({ res, params, query }) => {
      if (query.get('alt') !== 'media') throw invalidArgument('Downloading a file needs alt=media.');
      const file = existingFile(params.id);
      res.writeHead(200, { ...EMULATOR_HEADER, 'content-type': 'application/octet-stream', 'content-length': String(file.bytes) });
      await pipeline(files.openContent(file.id), res);
    })
    .add('GET', '/v1beta/files/{id}', ({ req, res, params }) => sendJson(res, 200, geminiFile(existingFile(params.id), origin(req))))
    .add('POST', '/v1beta/models/{model}:batchGenerateContent', async ({ req, res, params }) => {
      const record = await createBatch(params.model, await readJsonBody(req), context);
      sendJson(res, 200, await batchOperation(record, context));
    })
    .add('GET', '/v1beta/batches', async ({ res, query }) => {
      const pageSize = Number(query.get('pageSize') ?? 50);
      if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalidArgument('pageSize must be between 1 and 1000.');
      const page = batches.list(query.get('pageToken') ?? undefined, pageSize, 'gemini');
      const operations = await Promise.all(page.data.map((batch) => batchOperation(existingBatch(batch.id), context)));
      sendJson(res, 200, { operations, ...(page.hasMore && page.data.length ? { nextPageToken: page.data.at(-1)!.id } : {}) });
    })
    .add('POST', '/v1beta/batches/{id}:cancel', async ({ res, params }) => {
      const record = existingBatch(params.id);
      const { status } = record.batch;
      if (!FINISHED_BATCH_STATUSES.has(status) && status !== 'cancelling' && status !== 'finalizing') {
        await batches.update(record, { status: 'cancelling', cancelling_at: unixSeconds() });
        context.runner.cancel(record.batch.id);
      }
      sendJson(res, 200, {});
    })
    .add('GET', '/v1beta/batches/{id}', async ({ res, params }) => sendJson(res, 200, await batchOperation(existingBatch(params.id), context)));
}

/** The `start` of a resumable upload: answers with the URL the bytes go to. */
async function startUpload(req: IncomingMessage, res: ServerResponse, uploads: Map<string, PendingUpload>, files: FileStore, origin: string): Promise<void> {
  if (String(req.headers['x-goog-upload-protocol']).toLowerCase() !== 'resumable' || String(req.headers['x-goog-upload-command']).toLowerCase() !== 'start') {
    throw invalidArgument('Uploads use the resumable protocol: X-Goog-Upload-Protocol: resumable and X-Goog-Upload-Command: start.');
  }
  const body = await readJsonBody(req);
  const file = (body.file ?? {}) as { displayName?: unknown; mimeType?: unknown };
  const uploadId = newId('upload_');
  const mimeType = typeof file.mimeType === 'string' ? file.mimeType : String(req.headers['x-goog-upload-header-content-type'] ?? 'application/octet-stream');
  const tempPath = files.tempPath();
  await writeFile(tempPath, '');
  uploads.set(uploadId, { displayName: typeof file.displayName === 'string' ? file.displayName : uploadId, mimeType, tempPath, received: 0 });
  res.writeHead(200, { ...EMULATOR_HEADER, 'x-goog-upload-url': `${origin}/upload/v1beta/files?upload_id=${uploadId}&upload_protocol=resumable`, 'x-goog-upload-status': 'active', 'content-length': '0' });
  res.end();
}

/** One chunk of a resumable upload, appended at its offset; `finalize` registers the file. */
async function receiveChunk(req: IncomingMessage, res: ServerResponse, pending: PendingUpload, done: () => void, files: FileStore, origin: string): Promise<void> {
  const command = String(req.headers['x-goog-upload-command'] ?? '').toLowerCase();
  const offset = Number(req.headers['x-goog-upload-offset'] ?? pending.received);
  if (offset !== pending.received) throw invalidArgument(`Upload offset ${offset} does not match the ${pending.received} bytes received.`);
  const sink = createWriteStream(pending.tempPath, { flags: 'a' });
  let received = 0;
  req.on('data', (chunk: Buffer) => (received += chunk.length));
  await pipeline(req, sink);
  pending.received += received;
  if (!command.includes('finalize')) {
    res.writeHead(200, { ...EMULATOR_HEADER, 'x-goog-upload-status': 'active', 'content-length': '0' });
    return void res.end();
  }
  done();
  const file = await files.add(pending.tempPath, pending.displayName, 'batch');
  sendJson(res, 200, { file: geminiFile(file, origin, pending.mimeType) }, { 'x-goog-upload-status': 'final' });
}

async function createBatch(modelSegment: string, body: Record<string, unknown>, context: BatchRouteContext): Promise<BatchRecord> {
  const batch = (body.batch ?? {}) as { displayName?: unknown; inputConfig?: { fileName?: unknown; requests?: unknown } };
  if (typeof batch.displayName !== 'string' || batch.displayName === '') throw invalidArgument('batch.display_name is required.');
  const inputFileName = batch.inputConfig?.fileName;
  if (typeof inputFileName !== 'string') throw invalidArgument('batch.input_config.file_name is required (the emulator takes input files, not inlined requests).');
  const input = context.files.get(fileIdOf(inputFileName));
  if (!input) throw new GeminiApiError(404, `File ${inputFileName} not found.`);
  const report = await validateBatchFile(context.files.contentPath(input.id), { provider: 'generic', dialect: 'gemini' });
  const problem = report.diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  if (problem) throw invalidArgument(`${inputFileName} line ${problem.line + 1}: ${problem.message}`);
  if (report.requests === 0) throw invalidArgument(`${inputFileName} holds no requests.`);
  const createdAtMs = Date.now();
  const record: BatchRecord = {
    batch: {
      id: newId(''),
      object: 'batch',
      endpoint: GEMINI_ENDPOINT,
      model: modelSegment.replace(/^models\//, ''),
      input_file_id: input.id,
      completion_window: '24h',
      status: 'validating',
      created_at: unixSeconds(createdAtMs),
      expires_at: unixSeconds(createdAtMs + context.clock.realMs(COMPLETION_WINDOW_SECONDS)),
      request_counts: { total: report.requests, completed: 0, failed: 0 },
      metadata: { display_name: batch.displayName },
    },
    createdAtMs,
    api: 'gemini',
  };
  const fault = context.faults.takeBatchFault();
  if (fault) record.fault = fault;
  await context.batches.add(record);
  context.runner.start(record);
  return record;
}

async function* readLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield line;
}

/** One run line (OpenAI's output format) as a line of Gemini's responses file. */
function geminiResult(line: BatchOutputLine): Record<string, unknown> {
  if (line.response?.status_code === 200) return { key: line.custom_id, response: line.response.body };
  const code = line.response?.status_code ?? (line.error?.code === 'batch_expired' ? 504 : 500);
  const message = (line.response?.body as { error?: { message?: string } } | undefined)?.error?.message ?? line.error?.message ?? 'The request failed.';
  return { key: line.custom_id, error: { code, message, status: statusName(code) } };
}

/** The ended batch's responses file, written once from its run's output and error lines. */
async function responsesFile(record: BatchRecord, context: BatchRouteContext): Promise<FileObject | undefined> {
  const { files, batches } = context;
  const written = record.batch.metadata?.responses_file;
  if (written && files.get(written)) return files.get(written);
  const lines: string[] = [];
  for (const fileId of [record.batch.output_file_id, record.batch.error_file_id]) {
    if (!fileId || !files.get(fileId)) continue;
    for await (const text of readLines(files.contentPath(fileId))) lines.push(JSON.stringify(geminiResult(JSON.parse(text) as BatchOutputLine)));
  }
  if (lines.length === 0) return undefined;
  const tempPath = files.tempPath();
  await writeFile(tempPath, lines.join('\n') + '\n');
  const file = await files.add(tempPath, `${record.batch.id}_responses.jsonl`, 'batch_output');
  await batches.update(record, { metadata: { ...record.batch.metadata, responses_file: file.id } });
  return file;
}

/** The long-running operation the API answers with for a batch: its `metadata` is the GenerateContentBatch. */
async function batchOperation(record: BatchRecord, context: BatchRouteContext): Promise<Record<string, unknown>> {
  const { batch } = record;
  const ended = FINISHED_BATCH_STATUSES.has(batch.status);
  const output = ended ? await responsesFile(record, context) : undefined;
  const counts = batch.request_counts;
  const endedAt = batch.completed_at ?? batch.cancelled_at ?? batch.expired_at ?? batch.failed_at;
  const metadata: Record<string, unknown> = {
    '@type': 'type.googleapis.com/google.ai.generativelanguage.v1main.GenerateContentBatch',
    model: `models/${batch.model}`,
    displayName: batch.metadata?.display_name,
    inputConfig: { fileName: `files/${batch.input_file_id}` },
    createTime: isoTime(batch.created_at),
    updateTime: isoTime(endedAt ?? batch.in_progress_at ?? batch.created_at),
    ...(ended ? { endTime: isoTime(endedAt) } : {}),
    batchStats: {
      requestCount: String(counts.total),
      successfulRequestCount: String(counts.completed),
      failedRequestCount: String(counts.failed),
      pendingRequestCount: String(Math.max(0, counts.total - counts.completed - counts.failed)),
    },
    state: STATE_BY_STATUS[batch.status],
    ...(output ? { output: { responsesFile: `files/${output.id}` } } : {}),
  };
  return { name: `batches/${batch.id}`, metadata, done: ended, ...(batch.status === 'failed' && batch.errors?.data[0] ? { error: { code: 400, message: batch.errors.data[0].message } } : {}) };
}

