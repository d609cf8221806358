import { createInterface } from 'node:readline';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { isBlankLine } from '../jsonl/lines';
import { invalidRequest } from './apiError';
import { answeredLine, BatchOutputWriter, expiredLine } from './batchOutput';
import type { BatchRecord, BatchStore } from './batchStore';
import { hash32, seededRandom } from './faults';
import { GEMINI_RESPONDER_ENDPOINT } from './responders';
import type { FileStore } from './fileStore';
import { unixSeconds } from './ids';
import { errorResult, type InferenceEngine } from './inference';
import { validateInputForBatch, type InputCheck } from './inputValidation';
import { sleep, type EmulatedClock } from './timing';
import type { BatchObject, BatchOutputLine } from './types';
import { errorMessage } from '../errors/errorText';

/** The only completion window the API accepts, in emulated seconds. */
export const COMPLETION_WINDOW_SECONDS = 24 * 3600;
/** Lines run between two progress updates at full speed: big enough to be fast, small enough to stay responsive. */
const LOCAL_BLOCK_SIZE = 500;
/** Lines forwarded to an upstream at once. */
const UPSTREAM_BLOCK_SIZE = 16;

type Outcome = 'completed' | 'expired' | 'cancelled' | 'closed';

export interface BatchRunnerSettings {
  files: FileStore;
  batches: BatchStore;
  engine: InferenceEngine;
  clock: EmulatedClock;
  seed: number;
  /** Lines per emulated second; undefined runs at full speed. */
  requestsPerSecond?: number;
  upstream: boolean;
}

interface ActiveRun {
  cancel: AbortController;
  done: Promise<void>;
}

/**
 * Takes each batch through its lifecycle: validating → in_progress (lines executed in blocks, counts advancing)
 * → finalizing → completed, or failed / expired / cancelled. Waits are unref'd timers that end on close.
 */
export class BatchRunner {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly closing = new AbortController();

  constructor(private readonly settings: BatchRunnerSettings) {}

  /** Runs a new batch, or resumes one found unfinished after a restart (its lines run again from the start). */
  start(record: BatchRecord): void {
    const cancel = new AbortController();
    const done = this.run(record, cancel.signal)
      .catch((error: unknown) => this.failOnError(record, error))
      .finally(() => this.runs.delete(record.batch.id));
    this.runs.set(record.batch.id, { cancel, done });
  }

  /** Asks a running batch to stop; it writes its partial output and becomes `cancelled`. */
  cancel(id: string): void {
    this.runs.get(id)?.cancel.abort();
  }

  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all([...this.runs.values()].map((run) => run.done));
  }

  private async run(record: BatchRecord, cancelled: AbortSignal): Promise<void> {
    const { batches } = this.settings;
    const batch = record.batch;
    if (batch.status === 'cancelling') return this.finish(record, 'cancelled', undefined);
    if (batch.status === 'validating') {
      const check = await this.validate(record);
      if (this.closing.signal.aborted) return;
      if (cancelled.aborted) return this.finish(record, 'cancelled', undefined);
      if (check.errors.length > 0) {
        return batches.update(record, { status: 'failed', failed_at: unixSeconds(), errors: { object: 'list', data: check.errors } });
      }
      await batches.update(record, {
        status: 'in_progress',
        in_progress_at: unixSeconds(),
        request_counts: { total: check.requests, completed: 0, failed: 0 },
        ...(check.model !== undefined && { model: check.model }),
      });
    } else {
      await batches.update(record, { status: 'in_progress', request_counts: { ...batch.request_counts, completed: 0, failed: 0 } });
    }
    const writer = new BatchOutputWriter(this.settings.files);
    const outcome = await this.executeLines(record, writer, AbortSignal.any([cancelled, this.closing.signal]));
    if (outcome === 'closed') return writer.discard();
    await this.finish(record, outcome, writer);
  }

  private validate(record: BatchRecord): Promise<InputCheck> {
    if (record.fault === 'fail_validation') {
      const error = { code: 'invalid_request', message: 'Emulated validation failure (fault injected for this batch).', param: null, line: 1 };
      return Promise.resolve({ requests: 0, errors: [error] });
    }
    return validateInputForBatch(this.settings.files.contentPath(record.batch.input_file_id), record.batch.endpoint);
  }

  /** Runs the lines in blocks; each block's answers are written shuffled, so output order is not input order. */
  private async executeLines(record: BatchRecord, writer: BatchOutputWriter, stop: AbortSignal): Promise<Outcome> {
    const pacing = new LinePacing(this.settings, record, stop, this.closing.signal);
    const input = this.settings.files.openContent(record.batch.input_file_id);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let block: string[] = [];
    let outcome: Outcome | undefined;
    try {
      for await (const text of lines) {
        if (isBlankLine(text)) continue;
        if (outcome === 'expired') {
          await writer.write([expiredLine(parseRequestLine(text).customId)]);
          continue;
        }
        block.push(text);
        if (block.length < pacing.blockSize(writer.completed + writer.failed)) continue;
        await this.runBlock(record, writer, block);
        block = [];
        outcome = await pacing.checkpoint(writer.completed + writer.failed);
        if (outcome === 'cancelled' || outcome === 'closed') break;
      }
      if (outcome === undefined && block.length > 0) {
        await this.runBlock(record, writer, block);
        outcome = await pacing.checkpoint(writer.completed + writer.failed);
      }
    } finally {
      lines.close();
      input.destroy(); // readline leaves its input open when a cancel stops the loop early
    }
    return outcome ?? 'completed';
  }

  private async runBlock(record: BatchRecord, writer: BatchOutputWriter, texts: string[]): Promise<void> {
    const { engine } = this.settings;
    const gemini = record.api === 'gemini';
    // Azure's `/chat/completions` is OpenAI's `/v1/chat/completions`; a Gemini batch's model is the batch's.
    const endpoint = gemini ? GEMINI_RESPONDER_ENDPOINT : record.batch.endpoint.startsWith('/v1/') ? record.batch.endpoint : `/v1${record.batch.endpoint}`;
    const results = await Promise.all(
      texts.map(async (text): Promise<BatchOutputLine> => {
        const line = parseRequestLine(text);
        if (!line.body) return answeredLine(line.customId, errorResult(invalidRequest('This line is not a valid batch request.')));
        const body = gemini ? { ...line.body, model: record.batch.model } : line.body;
        return answeredLine(line.customId, await engine.execute({ endpoint, body, faultKey: line.customId }));
      }),
    );
    await writer.write(shuffled(results, seededRandom(hash32(`${record.batch.id}:${writer.completed + writer.failed}`, this.settings.seed))));
    await this.settings.batches.update(record, {
      request_counts: { total: record.batch.request_counts.total, completed: writer.completed, failed: writer.failed },
    });
  }

  private async finish(record: BatchRecord, outcome: Exclude<Outcome, 'closed'>, writer: BatchOutputWriter | undefined): Promise<void> {
    const { batches } = this.settings;
    if (outcome === 'completed') await batches.update(record, { status: 'finalizing', finalizing_at: unixSeconds() });
    const files = writer ? await writer.finish(record.batch.id, record.outputLifetimeSeconds) : {};
    const now = unixSeconds();
    const usage = writer && {
      input_tokens: writer.usage.input,
      input_tokens_details: { cached_tokens: writer.usage.cached },
      output_tokens: writer.usage.output,
      output_tokens_details: { reasoning_tokens: writer.usage.reasoning },
      total_tokens: writer.usage.input + writer.usage.output,
    };
    const ending: Record<typeof outcome, Partial<BatchObject>> = {
      completed: { status: 'completed', completed_at: now },
      expired: { status: 'expired', expired_at: now },
      cancelled: { status: 'cancelled', cancelled_at: now },
    };
    await batches.update(record, { ...files, ...(usage && { usage }), ...ending[outcome] });
  }

  /** A run that throws (the input file vanished, the disk is full) fails its batch instead of hanging it. */
  private async failOnError(record: BatchRecord, error: unknown): Promise<void> {
    const message = `The emulator could not run this batch: ${errorMessage(error)}`;
    await this.settings.batches
      .update(record, { status: 'failed', failed_at: unixSeconds(), errors: { object: 'list', data: [{ code: 'internal_error', message, param: null, line: null }] } })
      .catch(() => undefined);
  }
}

/**
 * When a run may go on: the requests-per-second pace, the completion window, and the faults that halt a batch
 * halfway (`expire` waits out the window, `stall` waits for a cancel that may never come).
 */
class LinePacing {
  private readonly startedMs = Date.now();
  private readonly deadlineMs: number;
  private readonly haltAt: number;
  /** Lines per real second, when paced. */
  private readonly realRate: number | undefined;

  constructor(
    private readonly settings: BatchRunnerSettings,
    private readonly record: BatchRecord,
    private readonly stop: AbortSignal,
    private readonly closing: AbortSignal,
  ) {
    const { clock, requestsPerSecond } = settings;
    this.deadlineMs = record.createdAtMs + clock.realMs(COMPLETION_WINDOW_SECONDS);
    this.haltAt = record.fault ? Math.ceil(record.batch.request_counts.total / 2) : Infinity;
    this.realRate = requestsPerSecond ? requestsPerSecond * clock.timeScale : undefined;
  }

  /** How many lines the next block may hold once `executed` lines have run. */
  blockSize(executed: number): number {
    let size = this.settings.upstream ? UPSTREAM_BLOCK_SIZE : LOCAL_BLOCK_SIZE;
    if (this.realRate !== undefined) size = Math.min(size, Math.max(1, Math.floor(this.realRate / 20))); // ~50 ms of lines
    if (executed < this.haltAt) size = Math.min(size, this.haltAt - executed);
    return size;
  }

  /** Called after each block: decides whether to go on (undefined) and waits as pace or fault require. */
  async checkpoint(executed: number): Promise<Outcome | undefined> {
    if (executed >= this.haltAt) {
      await sleep(this.record.fault === 'expire' ? this.deadlineMs - Date.now() : Infinity, this.stop);
      if (!this.stop.aborted) return 'expired';
    }
    if (this.stop.aborted) return this.closing.aborted ? 'closed' : 'cancelled';
    if (executed < this.record.batch.request_counts.total && Date.now() >= this.deadlineMs) return 'expired';
    if (this.realRate !== undefined) {
      await sleep(this.startedMs + (executed / this.realRate) * 1000 - Date.now(), this.stop);
    } else {
      await yieldToEventLoop(); // let polls and uploads in between blocks
    }
    return this.stop.aborted ? (this.closing.aborted ? 'closed' : 'cancelled') : undefined;
  }
}

/**
 * The custom_id and body of an input line (Anthropic's requests carry theirs as `params`, Gemini's as `key` and
 * `request`); a line that cannot be read still yields something to report.
 */
function parseRequestLine(text: string): { customId: string; body?: Record<string, unknown> } {
  try {
    const request = JSON.parse(text) as { custom_id?: unknown; key?: unknown; body?: unknown; params?: unknown; request?: unknown };
    const id = request.custom_id ?? request.key;
    const customId = typeof id === 'string' ? id : '';
    const payload = request.body ?? request.params ?? request.request;
    const body = typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>) : undefined;
    return { customId, body };
  } catch {
    return { customId: '' };
  }
}

/** Fisher-Yates with a seeded generator; a block of two or more never comes back in its input order. */
function shuffled<T>(items: T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j], result[i]];
  }
  if (result.length > 1 && result.every((item, index) => item === items[index])) result.push(result.shift()!);
  return result;
}
