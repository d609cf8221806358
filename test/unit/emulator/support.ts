import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { parse as parseYaml } from 'yaml';
import { sharedReference } from '../sharedReference';
import { startEmulator, type BatchObject, type EmulatorOptions, type RunningEmulator } from '../../../src/core/emulator';

/** The project root, from out/test/unit/emulator/ where the compiled tests run. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/** 24 emulated hours last 0.5 s: lifecycles finish at once, expiry can still be reached. */
export const FAST_TIME_SCALE = 172_800;

/** Starts emulators for one test file and closes them after each test. */
export function emulatorPerTest(): (options?: EmulatorOptions) => Promise<{ emulator: RunningEmulator; client: OpenAI }> {
  const running: RunningEmulator[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((emulator) => emulator.close()));
  });
  return async (options = {}) => {
    const emulator = await startEmulator({ timeScale: FAST_TIME_SCALE, seed: 7, ...options });
    running.push(emulator);
    return { emulator, client: clientFor(emulator) };
  };
}

/** A fresh temporary directory for each test (removed after it); read `.path` inside the test. */
export function tempDirPerTest(prefix: string): { path: string } {
  const dir = { path: '' };
  beforeEach(() => {
    dir.path = mkdtempSync(path.join(os.tmpdir(), prefix));
  });
  afterEach(() => rmSync(dir.path, { recursive: true, force: true }));
  return dir;
}

export function clientFor(emulator: RunningEmulator, maxRetries = 0): OpenAI {
  return new OpenAI({ apiKey: 'sk-emulator-test', baseURL: emulator.baseUrl, maxRetries, timeout: 10_000 });
}

type Json = Record<string, unknown>;

export function chatLine(id: string, bodyOverrides: Json = {}): Json {
  return {
    custom_id: id,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say hello to ${id}` }], ...bodyOverrides },
  };
}

export function jsonl(lines: (Json | string)[]): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';
}

export function chatBatchText(count: number): string {
  return jsonl(Array.from({ length: count }, (_unused, index) => chatLine(`request-${index + 1}`)));
}

export async function uploadBatchFile(client: OpenAI, text: string, name = 'input.batch.jsonl'): Promise<OpenAI.FileObject> {
  return client.files.create({ file: new File([text], name), purpose: 'batch' });
}

/** Uploads `text` and creates a chat batch from it. */
export async function submitBatch(client: OpenAI, text: string, extra: Partial<OpenAI.BatchCreateParams> = {}): Promise<OpenAI.Batch> {
  const file = await uploadBatchFile(client, text);
  return client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h', ...extra });
}

/**
 * Waits until the batch satisfies `done`, woken by the emulator's change events (no sleeping), then returns it
 * as the API reports it. Fails after `timeoutMs`.
 */
export async function untilBatch(
  emulator: RunningEmulator,
  client: OpenAI,
  id: string,
  done: (batch: Pick<BatchObject, 'status' | 'request_counts'>) => boolean,
  timeoutMs = 10_000,
): Promise<OpenAI.Batch> {
  let subscription: { dispose(): void } | undefined;
  let timer: NodeJS.Timeout | undefined;
  const changed = new Promise<void>((resolve, reject) => {
    subscription = emulator.onBatchChange((batch) => batch.id === id && done(batch) && resolve());
    timer = setTimeout(() => reject(new Error(`batch ${id} did not reach the expected state within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const current = await client.batches.retrieve(id);
    if (!done(current as BatchObject)) await changed;
  } finally {
    subscription?.dispose();
    clearTimeout(timer);
  }
  return client.batches.retrieve(id);
}

export const isFinished = (batch: { status: string }) => ['completed', 'failed', 'expired', 'cancelled'].includes(batch.status);

export async function fileLines(client: OpenAI, fileId: string): Promise<Json[]> {
  const text = await (await client.files.content(fileId)).text();
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => JSON.parse(line) as Json);
}

/** Calls the emulator with plain fetch: for what the SDK would not send (bad bodies, wrong methods, no key). */
export async function rawRequest(emulator: RunningEmulator, method: string, route: string, init: { body?: RequestInit['body']; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Headers; json: Json }> {
  const response = await fetch(emulator.baseUrl + route, {
    method,
    body: init.body,
    headers: { authorization: 'Bearer sk-test', ...init.headers },
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? (JSON.parse(text) as Json) : {} };
}

/** Validators for the OpenAPI schemas the emulator's answers must satisfy, read in place from ../shared. */
export interface ApiSchemas {
  batch: ValidateFunction;
  file: ValidateFunction;
  batchList: ValidateFunction;
  fileList: ValidateFunction;
  deletedFile: ValidateFunction;
  error: ValidateFunction;
  outputLine: ValidateFunction;
}

let schemas: ApiSchemas | undefined;

/** The spec's schemas compiled with ajv ($refs resolved against the whole document), or undefined when absent outside CI. */
export function apiSchemas(): ApiSchemas | undefined {
  if (schemas) return schemas;
  const spec = sharedReference('openai-openapi.yaml');
  const legacySpec = sharedReference('openai-openapi.2025-04-legacy.yaml');
  if (!spec || !legacySpec) return undefined;
  // OpenAPI adds keywords (x-oaiMeta, example…) and formats (unixtime) that plain JSON Schema lacks; ajv
  // understands OpenAPI 3.0's `nullable` itself.
  const ajv = new Ajv2020({ strict: false, validateFormats: false, validateSchema: false, allErrors: true });
  ajv.addSchema(parseYaml(readFileSync(spec, 'utf8')), 'openapi');
  ajv.addSchema(parseYaml(readFileSync(legacySpec, 'utf8')), 'legacy');
  const ref = (name: string) => ajv.compile({ $ref: `openapi#/components/schemas/${name}` });
  schemas = {
    batch: ref('Batch'),
    file: ref('OpenAIFile'),
    batchList: ref('ListBatchesResponse'),
    fileList: ref('ListFilesResponse'),
    deletedFile: ref('DeleteFileResponse'),
    error: ref('ErrorResponse'),
    outputLine: ajv.compile({ $ref: 'legacy#/components/schemas/BatchRequestOutput' }),
  };
  return schemas;
}

let absenceReported = false;

/**
 * Asserts that `value` matches the spec's schema `name`. Without ../shared the behaviour is still tested and
 * only this check is skipped (said once); the conformance suite's first test skips, saying so.
 */
export function assertMatchesSchema(name: keyof ApiSchemas, value: unknown, what: string): void {
  const schemas = apiSchemas();
  if (!schemas) {
    if (!absenceReported) console.log('    ../shared/reference/openai-openapi*.yaml is absent: schema checks skipped');
    absenceReported = true;
    return;
  }
  const validate = schemas[name];
  assert.ok(validate(value), `${what} does not match ${name}: ${JSON.stringify(validate.errors?.slice(0, 5))}\n${JSON.stringify(value).slice(0, 600)}`);
}
