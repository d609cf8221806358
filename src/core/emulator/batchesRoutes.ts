import { OPENAI_BATCH_ENDPOINTS, PROVIDER_LIMITS } from '../validation';
import { ApiError, invalidRequest, invalidValue, missingParameter, notFound } from './apiError';
import { COMPLETION_WINDOW_SECONDS, type BatchRunner } from './batchRunner';
import type { BatchRecord, BatchStore } from './batchStore';
import type { FaultInjector } from './faults';
import type { FileStore } from './fileStore';
import { readJsonBody, sendJson } from './http';
import { newId, unixSeconds } from './ids';
import { listBody, readLimit } from './paging';
import type { Router } from './router';
import type { EmulatedClock } from './timing';
import { FINISHED_BATCH_STATUSES, type BatchObject } from './types';

const METADATA_MAX_PAIRS = 16;
const METADATA_MAX_KEY = 64;
const METADATA_MAX_VALUE = 512;
const OUTPUT_EXPIRY_MIN_SECONDS = 3600;
const OUTPUT_EXPIRY_MAX_SECONDS = 2_592_000;

export interface BatchRouteContext {
  files: FileStore;
  batches: BatchStore;
  runner: BatchRunner;
  faults: FaultInjector;
  clock: EmulatedClock;
}

/** `/v1/batches`: create (with the real API's 400s), list newest first with cursor pages, retrieve, cancel. */
export function addBatchRoutes(router: Router, context: BatchRouteContext): void {
  const { batches, runner } = context;
  const existing = (id: string): BatchRecord => {
    const record = batches.get(id);
    if (!record) throw notFound(`No batch found with id '${id}'.`, 'batch_id');
    return record;
  };
  router
    .add('POST', '/v1/batches', async ({ req, res, azure }) => sendJson(res, 200, await createBatch(await readJsonBody(req), context, azure ? AZURE_ENDPOINTS : OPENAI_BATCH_ENDPOINTS)))
    .add('GET', '/v1/batches', ({ res, query }) => {
      sendJson(res, 200, listBody(batches.list(query.get('after') ?? undefined, readLimit(query, 20, 100))));
    })
    .add('GET', '/v1/batches/{batch_id}', ({ res, params }) => sendJson(res, 200, existing(params.batch_id).batch))
    .add('POST', '/v1/batches/{batch_id}/cancel', async ({ res, params }) => {
      const record = existing(params.batch_id);
      const { status } = record.batch;
      if (FINISHED_BATCH_STATUSES.has(status) || status === 'finalizing') {
        throw new ApiError(409, `Cannot cancel a batch with status '${status}'.`, 'invalid_request_error', null, 'batch_not_cancellable');
      }
      if (status !== 'cancelling') {
        await batches.update(record, { status: 'cancelling', cancelling_at: unixSeconds() });
        runner.cancel(record.batch.id);
      }
      sendJson(res, 200, record.batch);
    });
}

/** Azure's resource form also takes the endpoints without `/v1` its documentation uses. */
const AZURE_ENDPOINTS = PROVIDER_LIMITS.azure.endpoints ?? OPENAI_BATCH_ENDPOINTS;

async function createBatch(body: Record<string, unknown>, context: BatchRouteContext, endpoints: readonly string[]): Promise<BatchObject> {
  const { input_file_id: inputFileId, endpoint, completion_window: completionWindow, metadata } = body;
  if (inputFileId === undefined) throw missingParameter('input_file_id');
  if (endpoint === undefined) throw missingParameter('endpoint');
  if (completionWindow === undefined) throw missingParameter('completion_window');
  if (typeof endpoint !== 'string' || !endpoints.includes(endpoint)) {
    throw invalidValue('endpoint', `Invalid value: '${String(endpoint)}'. Supported values are: ${endpoints.map((e) => `'${e}'`).join(', ')}.`);
  }
  if (completionWindow !== '24h') {
    throw invalidValue('completion_window', `Invalid value: '${String(completionWindow)}'. Supported values are: '24h'.`);
  }
  checkMetadata(metadata);
  checkOutputExpiry(body.output_expires_after);
  const file = typeof inputFileId === 'string' ? context.files.get(inputFileId) : undefined;
  if (!file) throw invalidValue('input_file_id', `Invalid 'input_file_id': file '${String(inputFileId)}' does not exist.`);
  if (file.purpose !== 'batch') {
    throw invalidValue('input_file_id', `The file '${file.id}' has purpose '${file.purpose}'; a batch input file must be uploaded with purpose 'batch'.`);
  }
  const createdAtMs = Date.now();
  const createdAt = unixSeconds(createdAtMs);
  const batch: BatchObject = {
    id: newId('batch_'),
    object: 'batch',
    endpoint,
    input_file_id: file.id,
    completion_window: '24h',
    status: 'validating',
    created_at: createdAt,
    expires_at: unixSeconds(createdAtMs + context.clock.realMs(COMPLETION_WINDOW_SECONDS)),
    request_counts: { total: 0, completed: 0, failed: 0 },
    ...(metadata ? { metadata: metadata as Record<string, string> } : {}),
  };
  const record: BatchRecord = { batch, createdAtMs };
  const fault = context.faults.takeBatchFault();
  if (fault) record.fault = fault;
  const outputLifetime = (body.output_expires_after as { seconds?: number } | undefined)?.seconds;
  if (outputLifetime !== undefined) record.outputLifetimeSeconds = outputLifetime;
  await context.batches.add(record);
  context.runner.start(record);
  return batch;
}

/** Metadata: at most 16 string pairs, keys up to 64 characters, values up to 512 (null means none). */
function checkMetadata(metadata: unknown): void {
  if (metadata === undefined || metadata === null) return;
  if (typeof metadata !== 'object' || Array.isArray(metadata)) throw invalidRequest("Invalid type for 'metadata': expected an object.", 'metadata', 'invalid_type');
  const entries = Object.entries(metadata);
  if (entries.length > METADATA_MAX_PAIRS) {
    throw invalidRequest(`Invalid 'metadata': too many properties. Expected at most ${METADATA_MAX_PAIRS}, got ${entries.length}.`, 'metadata', 'object_above_max_properties');
  }
  for (const [key, value] of entries) {
    if (key.length > METADATA_MAX_KEY) {
      throw invalidRequest(`Invalid 'metadata': key '${key.slice(0, 20)}…' is longer than ${METADATA_MAX_KEY} characters.`, 'metadata', 'string_above_max_length');
    }
    if (typeof value !== 'string') throw invalidRequest(`Invalid type for 'metadata.${key}': expected a string.`, `metadata.${key}`, 'invalid_type');
    if (value.length > METADATA_MAX_VALUE) {
      throw invalidRequest(`Invalid 'metadata.${key}': string too long. Expected at most ${METADATA_MAX_VALUE} characters, got ${value.length}.`, `metadata.${key}`, 'string_above_max_length');
    }
  }
}

function checkOutputExpiry(value: unknown): void {
  if (value === undefined) return;
  const { anchor, seconds } = (value ?? {}) as { anchor?: unknown; seconds?: unknown };
  if (anchor !== 'created_at') throw invalidValue('output_expires_after.anchor', "Invalid value for 'output_expires_after.anchor': expected 'created_at'.");
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < OUTPUT_EXPIRY_MIN_SECONDS || seconds > OUTPUT_EXPIRY_MAX_SECONDS) {
    throw invalidValue('output_expires_after.seconds', `Invalid 'output_expires_after.seconds': expected an integer between ${OUTPUT_EXPIRY_MIN_SECONDS} and ${OUTPUT_EXPIRY_MAX_SECONDS}.`);
  }
}
