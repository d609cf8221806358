import { invalidValue, missingParameter, notFound } from './apiError';
import type { FaultInjector } from './faults';
import { readJsonBody, sendJson } from './http';
import { newId, unixSeconds } from './ids';
import type { InferenceEngine, InferenceResult } from './inference';
import type { Router } from './router';
import { sleep } from './timing';
import { usageOf } from './usage';
import { rateLimitTokens } from '../estimate/rateLimitTokens';

/** Entries in one seed-API request; the seed recommends chunks of 20 to 50, this only stops abuse. */
const MAX_ENTRIES = 10_000;
/** Entries a job runs between two yields to the event loop. */
const JOB_BLOCK_SIZE = 50;
const CALLBACK_TIMEOUT_MS = 10_000;
const CHAT_ENDPOINT = '/v1/chat/completions';

type Entry = { index: number; response: unknown } | { index: number; error: unknown };

interface EntriesResult {
  responses: Entry[];
  total_usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  succeeded: number;
}

type JobStatus = 'queued' | 'in_progress' | 'completed' | 'failed' | 'cancelled';

interface SeedJob {
  job_id: string;
  object: 'batch.job';
  model: string;
  status: JobStatus;
  created: number;
  completed: number;
  total: number;
  success_rate: number;
  /** Seconds from the start of the run to its end. */
  processing_time?: number;
  completed_at?: number;
  responses?: Entry[];
  total_usage?: EntriesResult['total_usage'];
  callback_url?: string;
}

/** Parsed `{model, requests:[…]}` of both seed endpoints. */
function readEntries(body: Record<string, unknown>): { model: string; requests: Record<string, unknown>[] } {
  if (typeof body.model !== 'string' || body.model.length === 0) throw missingParameter('model');
  if (!Array.isArray(body.requests) || body.requests.length === 0) throw missingParameter('requests');
  if (body.requests.length > MAX_ENTRIES) throw invalidValue('requests', `At most ${MAX_ENTRIES} requests per call.`);
  const requests = body.requests.map((entry) => (typeof entry === 'object' && entry !== null && !Array.isArray(entry) ? (entry as Record<string, unknown>) : {}));
  return { model: body.model, requests };
}

/** Only loopback callbacks: the emulator must never be turned into a way to POST at other hosts. */
function checkCallbackUrl(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(String(value));
  } catch {
    url = undefined;
  }
  const loopback = url && /^https?:$/.test(url.protocol) && (url.hostname === 'localhost' || url.hostname === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(url.hostname));
  if (!loopback) throw invalidValue('callback_url', `Invalid 'callback_url': the emulator only calls back http(s) URLs on loopback (127.0.0.1, localhost, [::1]).`);
  return url!.toString();
}

/**
 * The seed's DeepSeek-style batch API (batch-api-contract.md): a synchronous `POST /v1/batch/chat/completions`
 * whose entries fail one by one, and asynchronous jobs with progress and an optional loopback callback.
 */
export class SeedApi {
  private readonly jobs = new Map<string, SeedJob>();
  private readonly running = new Set<Promise<void>>();
  private readonly closing = new AbortController();

  constructor(
    private readonly engine: InferenceEngine,
    private readonly faults: FaultInjector,
  ) {}

  addRoutes(router: Router): void {
    router
      .add('POST', '/v1/batch/chat/completions', async ({ req, res }) => {
        const { model, requests } = readEntries(await readJsonBody(req));
        const limited = this.faults.admitTokens(() => requests.reduce((sum, entry) => sum + rateLimitTokens('/v1/chat/completions', entry), 0));
        if (limited) throw limited;
        const result = await this.runEntries(model, requests);
        sendJson(res, 200, { id: newId('batch_'), object: 'batch.completion', created: unixSeconds(), model, responses: result.responses, total_usage: result.total_usage });
      })
      .add('POST', '/v1/batch/jobs', async ({ req, res }) => {
        const body = await readJsonBody(req);
        const { model, requests } = readEntries(body);
        const callbackUrl = checkCallbackUrl(body.callback_url);
        const job: SeedJob = { job_id: newId('job_'), object: 'batch.job', model, status: 'queued', created: unixSeconds(), completed: 0, total: requests.length, success_rate: 0 };
        if (callbackUrl) job.callback_url = callbackUrl;
        this.jobs.set(job.job_id, job);
        this.track(job, this.runJob(job, requests));
        sendJson(res, 200, job);
      })
      .add('GET', '/v1/batch/jobs/{job_id}', ({ res, params }) => sendJson(res, 200, this.existing(params.job_id)))
      .add('POST', '/v1/batch/jobs/{job_id}/cancel', ({ res, params }) => {
        const job = this.existing(params.job_id);
        if (job.status === 'queued' || job.status === 'in_progress') job.status = 'cancelled';
        sendJson(res, 200, job);
      });
  }

  async close(): Promise<void> {
    this.closing.abort();
    await Promise.all(this.running);
  }

  private existing(id: string): SeedJob {
    const job = this.jobs.get(id);
    if (!job) throw notFound(`No batch job found with id '${id}'.`, 'job_id');
    return job;
  }

  /** Keeps a job's work until it ends; a job that throws is failed, never an unhandled rejection. */
  private track(job: SeedJob, work: Promise<void>): void {
    const settled = work.catch(() => {
      job.status = 'failed';
      job.completed_at ??= unixSeconds();
    });
    this.running.add(settled);
    void settled.finally(() => this.running.delete(settled));
  }

  /** Runs entries in blocks (yielding between them); `onProgress` sees how many are done. */
  private async runEntries(model: string, requests: Record<string, unknown>[], onProgress?: (done: number) => boolean): Promise<EntriesResult> {
    const result: EntriesResult = { responses: [], total_usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 }, succeeded: 0 };
    for (let start = 0; start < requests.length; start += JOB_BLOCK_SIZE) {
      const block = requests.slice(start, start + JOB_BLOCK_SIZE);
      const answers = await Promise.all(block.map((entry) => this.engine.execute({ endpoint: CHAT_ENDPOINT, body: { ...entry, model } })));
      answers.forEach((answer, offset) => result.responses.push(this.entry(start + offset, answer, result)));
      if (onProgress && !onProgress(result.responses.length)) break;
      if (start + JOB_BLOCK_SIZE < requests.length) await sleep(0, this.closing.signal);
    }
    return result;
  }

  private entry(index: number, answer: InferenceResult, result: EntriesResult): Entry {
    if (answer.status !== 200) return { index, error: (answer.body as { error?: unknown } | null)?.error ?? answer.body };
    const usage = usageOf(answer.body);
    if (usage) {
      result.total_usage.prompt_tokens += usage.input;
      result.total_usage.completion_tokens += usage.output;
      result.total_usage.total_tokens += usage.input + usage.output;
    }
    result.succeeded++;
    return { index, response: answer.body };
  }

  private async runJob(job: SeedJob, requests: Record<string, unknown>[]): Promise<void> {
    await sleep(0, this.closing.signal);
    if (job.status !== 'queued' || this.closing.signal.aborted) return;
    job.status = 'in_progress';
    const startedMs = Date.now();
    const result = await this.runEntries(job.model, requests, (done) => {
      job.completed = done;
      return job.status === 'in_progress' && !this.closing.signal.aborted;
    });
    if (this.closing.signal.aborted) return;
    job.success_rate = Number((result.succeeded / job.total).toFixed(4));
    job.responses = result.responses;
    job.total_usage = result.total_usage;
    if (job.status === 'in_progress') job.status = result.succeeded === 0 ? 'failed' : 'completed';
    job.completed_at = unixSeconds();
    job.processing_time = (Date.now() - startedMs) / 1000;
    if (job.callback_url) await this.callBack(job.callback_url, job);
  }

  /** POSTs the final job to its callback URL; a callback that fails or hangs does not affect the job. */
  private async callBack(url: string, job: SeedJob): Promise<void> {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(job),
        signal: AbortSignal.any([AbortSignal.timeout(CALLBACK_TIMEOUT_MS), this.closing.signal]),
      });
      await response.arrayBuffer();
    } catch {
      // The job stays readable with GET; the callback is a courtesy.
    }
  }
}

