import { createReadStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { createInterface } from 'node:readline';
import { ANTHROPIC_LIMITS } from '../dialects';
import { anthropicRequestFindings, ANTHROPIC_ENDPOINT } from '../dialects/anthropic/rules';
import { LineText } from '../validation/lineText';
import { isJsonObject } from '../validation/jsonValues';
import { ApiError } from './apiError';
import { COMPLETION_WINDOW_SECONDS } from './batchRunner';
import type { BatchRouteContext } from './batchesRoutes';
import type { BatchRecord } from './batchStore';
import { EMULATOR_HEADER, readJsonBody, sendJson } from './http';
import { newId, unixSeconds } from './ids';
import type { Router } from './router';
import { FINISHED_BATCH_STATUSES, type BatchObject, type BatchOutputLine } from './types';

/** An error in the shape Anthropic's API answers with: `{"type": "error", "error": {"type", "message"}}`. */
export class AnthropicApiError extends ApiError {
  override toBody(): Record<string, unknown> {
    return { type: 'error', error: { type: this.type, message: this.message } };
  }
}

function invalidRequest(message: string): AnthropicApiError {
  return new AnthropicApiError(400, message, 'invalid_request_error');
}

type RequestCounts = { processing: number; succeeded: number; errored: number; canceled: number; expired: number };

function isoTime(seconds: number | undefined): string | null {
  return seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}

/**
 * Anthropic's Message Batches (`/v1/messages/batches…`) on the emulator's origin, so the official SDK works
 * against it unchanged. A batch runs through the same runner as OpenAI's batches (faults, pacing,
 * persistence): its requests are kept as an input file of `{custom_id, params}` lines, and its results are
 * the run's output and error lines in Anthropic's results format. Create refuses what the real API refuses
 * (src/core/dialects/anthropic/rules.ts) with a 400 `invalid_request_error`.
 */
export function addAnthropicBatchRoutes(router: Router, context: BatchRouteContext): void {
  const { batches } = context;
  const existing = (id: string): BatchRecord => {
    const record = batches.get(id, 'anthropic');
    if (!record) throw new AnthropicApiError(404, `No message batch found with id '${id}'.`, 'not_found_error');
    return record;
  };
  const origin = (host: string | undefined) => `http://${host ?? '127.0.0.1'}`;
  router
    .add('POST', '/v1/messages/batches', async ({ req, res }) => {
      const record = await createMessageBatch(await readJsonBody(req), context);
      sendJson(res, 200, await messageBatch(record, origin(req.headers.host), context));
    })
    .add('GET', '/v1/messages/batches', async ({ req, res, query }) => {
      const limit = Number(query.get('limit') ?? 20);
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw invalidRequest('limit: Input should be between 1 and 1000');
      const page = batches.list(query.get('after_id') ?? undefined, limit, 'anthropic');
      const data = await Promise.all(page.data.map((batch) => messageBatch(existing(batch.id), origin(req.headers.host), context)));
      sendJson(res, 200, { data, has_more: page.hasMore, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null });
    })
    .add('GET', '/v1/messages/batches/{id}', async ({ req, res, params }) => sendJson(res, 200, await messageBatch(existing(params.id), origin(req.headers.host), context)))
    .add('POST', '/v1/messages/batches/{id}/cancel', async ({ req, res, params }) => {
      const record = existing(params.id);
      const { status } = record.batch;
      if (!FINISHED_BATCH_STATUSES.has(status) && status !== 'cancelling' && status !== 'finalizing') {
        await batches.update(record, { status: 'cancelling', cancelling_at: unixSeconds() });
        context.runner.cancel(record.batch.id);
      }
      sendJson(res, 200, await messageBatch(record, origin(req.headers.host), context));
    })
    .add('GET', '/v1/messages/batches/{id}/results', async ({ res, params }) => {
      const record = existing(params.id);
      if (!FINISHED_BATCH_STATUSES.has(record.batch.status)) {
        throw invalidRequest(`Message Batch ${record.batch.id} has not yet ended; results are available once processing_status is "ended".`);
      }
      await sendResults(res, record, context);
    });
}

async function createMessageBatch(body: Record<string, unknown>, context: BatchRouteContext): Promise<BatchRecord> {
  const { requests } = body;
  if (!Array.isArray(requests)) throw invalidRequest('requests: Field required');
  if (requests.length === 0) throw invalidRequest('requests: List should have at least 1 item after validation, not 0');
  const maxRequests = ANTHROPIC_LIMITS.maxRequests ?? Infinity;
  if (requests.length > maxRequests) throw invalidRequest(`requests: List should have at most ${maxRequests} items after validation, not ${requests.length}`);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const [index, request] of requests.entries()) {
    if (!isJsonObject(request)) throw invalidRequest(`requests.${index}: Input should be a valid dictionary`);
    const text = JSON.stringify(request);
    const [problem] = anthropicRequestFindings(request, { text, lookups: new LineText(text, 0) }).filter((finding) => finding.severity === 'error');
    if (problem) throw invalidRequest(`requests.${index}.${problem.param ?? ''}: ${problem.message}`);
    const customId = request.custom_id as string;
    if (seen.has(customId)) throw invalidRequest(`requests.${index}.custom_id: Duplicate custom_id "${customId}": each request in a batch needs a unique custom_id`);
    seen.add(customId);
    lines.push(text);
  }
  const id = newId('msgbatch_');
  const tempPath = context.files.tempPath();
  await writeFile(tempPath, lines.join('\n') + '\n');
  const file = await context.files.add(tempPath, `${id}_requests.jsonl`, 'batch');
  const createdAtMs = Date.now();
  const batch: BatchObject = {
    id,
    object: 'batch',
    endpoint: ANTHROPIC_ENDPOINT,
    input_file_id: file.id,
    completion_window: '24h',
    status: 'validating',
    created_at: unixSeconds(createdAtMs),
    expires_at: unixSeconds(createdAtMs + context.clock.realMs(COMPLETION_WINDOW_SECONDS)),
    request_counts: { total: requests.length, completed: 0, failed: 0 },
  };
  const record: BatchRecord = { batch, createdAtMs, api: 'anthropic' };
  const fault = context.faults.takeBatchFault();
  if (fault) record.fault = fault;
  await context.batches.add(record);
  context.runner.start(record);
  return record;
}

/** Result counts of an ended batch, counted once from its result lines (the run counts only succeeded/failed). */
const endedCounts = new WeakMap<BatchRecord, RequestCounts>();

async function countsOf(record: BatchRecord, context: BatchRouteContext): Promise<RequestCounts> {
  const { status, request_counts: counts } = record.batch;
  if (!FINISHED_BATCH_STATUSES.has(status)) {
    return { processing: Math.max(0, counts.total - counts.completed - counts.failed), succeeded: counts.completed, errored: counts.failed, canceled: 0, expired: 0 };
  }
  let ended = endedCounts.get(record);
  if (!ended) {
    ended = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
    for await (const line of resultLines(record, context)) {
      const type = (line.result as { type: keyof RequestCounts }).type;
      ended[type]++;
    }
    endedCounts.set(record, ended);
  }
  return ended;
}

async function messageBatch(record: BatchRecord, origin: string, context: BatchRouteContext): Promise<Record<string, unknown>> {
  const { batch } = record;
  const ended = FINISHED_BATCH_STATUSES.has(batch.status);
  const endedAt = batch.completed_at ?? batch.cancelled_at ?? batch.expired_at ?? batch.failed_at;
  return {
    id: batch.id,
    type: 'message_batch',
    processing_status: ended ? 'ended' : batch.status === 'cancelling' ? 'canceling' : 'in_progress',
    request_counts: await countsOf(record, context),
    ended_at: ended ? isoTime(endedAt) : null,
    created_at: isoTime(batch.created_at),
    expires_at: isoTime(batch.expires_at),
    archived_at: null,
    cancel_initiated_at: isoTime(batch.cancelling_at),
    results_url: ended ? `${origin}/v1/messages/batches/${batch.id}/results` : null,
  };
}

async function* readLines(path: string): AsyncGenerator<string> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  for await (const line of lines) if (line.trim()) yield line;
}

/** One run line (OpenAI's output format) as Anthropic's result line. */
function anthropicResult(line: BatchOutputLine): Record<string, unknown> {
  const customId = line.custom_id;
  if (line.response?.status_code === 200) return { custom_id: customId, result: { type: 'succeeded', message: line.response.body } };
  if (line.error?.code === 'batch_expired') return { custom_id: customId, result: { type: 'expired' } };
  const error = (line.response?.body as { error?: { type?: string; message?: string } } | undefined)?.error;
  const type = error?.type ?? 'api_error';
  const message = error?.message ?? line.error?.message ?? 'The request failed.';
  return { custom_id: customId, result: { type: 'errored', error: { type: 'error', error: { type, message } } } };
}

/** The batch's results: every answered request, then (for a canceled or failed batch) each request never run. */
async function* resultLines(record: BatchRecord, context: BatchRouteContext): AsyncGenerator<Record<string, unknown>> {
  const { files } = context;
  const answered = new Set<string>();
  for (const fileId of [record.batch.output_file_id, record.batch.error_file_id]) {
    if (!fileId || !files.get(fileId)) continue;
    for await (const text of readLines(files.contentPath(fileId))) {
      const line = JSON.parse(text) as BatchOutputLine;
      answered.add(line.custom_id);
      yield anthropicResult(line);
    }
  }
  const unrun = record.batch.status === 'expired' ? 'expired' : 'canceled';
  for await (const text of readLines(files.contentPath(record.batch.input_file_id))) {
    const customId = (JSON.parse(text) as { custom_id: string }).custom_id;
    if (!answered.has(customId)) yield { custom_id: customId, result: { type: unrun } };
  }
}

async function sendResults(res: ServerResponse, record: BatchRecord, context: BatchRouteContext): Promise<void> {
  res.writeHead(200, { ...EMULATOR_HEADER, 'content-type': 'application/binary' });
  for await (const line of resultLines(record, context)) {
    if (!res.write(JSON.stringify(line) + '\n')) await new Promise((resolve) => res.once('drain', resolve));
  }
  res.end();
}
