import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type OpenAI from 'openai';
import { APIError } from 'openai';
import type { Job } from '../jobs/job';
import { answerSucceeded, readJournal, RunJournal, type JournalPaths } from '../runner/runJournal';
import type {
  BatchProvider,
  CreateBatchParams,
  DownloadOptions,
  JobPage,
  ListBatchesOptions,
  ProviderCapabilities,
  UploadedFile,
  UploadOptions,
} from './batchProvider';
import { readBatchRequests, type BatchRequestLine } from './batchRequestLines';
import { capabilitiesFor } from './capabilities';
import { mapWithConcurrency } from './concurrency';
import { isAbort } from './httpErrors';
import { applySubmissionMetadata } from './jobFromBatch';
import { newLocalFileId, type LocalBatchArchive, type LocalJobRecord } from './localBatchArchive';
import type { Profile } from './profile';
import { emptyUsage, errorLine, seedAnswerLines, type SeedResultLines } from './seedResults';
import { planSeedChunks, seedRequestEntry } from './seedChunks';
import { errorMessage } from '../errors/errorText';

/** Sync calls in flight at once: the seed recommends concurrent chunks; a few keep rate limits calm. */
export const DEFAULT_SEED_CONCURRENCY = 4;
/** Attempts per chunk (the first included) and the wait for one answer, unless the profile says otherwise. */
const DEFAULT_SEED_MAX_ATTEMPTS = 3;
const DEFAULT_SEED_TIMEOUT_SECONDS = 600;

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/** A sync batch being sent by this process. */
interface ActiveRun {
  job: Job;
  controller: AbortController;
  done: Promise<Job>;
}

/**
 * The seed's sync batch API (`POST /v1/batch/chat/completions`). There is no server-side job: "create"
 * sends the file's requests in per-model chunks (`chunkSizes`) with bounded `concurrency`, retried by the
 * SDK (`maxAttempts`, `timeoutSeconds`, Retry-After on 429), and returns the finished Job. Each chunk's
 * answers are appended to the job's output and error files (the runner's journal, OpenAI batch output
 * lines) as they arrive, so they survive a reload: a job found unfinished is carried on from its journal,
 * sending only the requests with no answer. Cancel stops sending and keeps what was answered.
 */
export class SeedSyncProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;
  private readonly active = new Map<string, ActiveRun>();

  constructor(
    readonly profile: Profile,
    private readonly client: OpenAI,
    private readonly archive: LocalBatchArchive,
  ) {
    this.capabilities = capabilitiesFor(profile);
  }

  uploadFile(path: string, options?: UploadOptions): Promise<UploadedFile> {
    return this.archive.importFile(path, options);
  }

  async createBatch(params: CreateBatchParams): Promise<Job> {
    const requests = await readBatchRequests(this.archive.filePath(params.inputFileId));
    const job: Job = {
      id: `batch_sync_${randomBytes(12).toString('hex')}`,
      profile: this.profile.name,
      endpoint: params.endpoint,
      status: 'in_progress',
      requestCounts: { total: requests.length, completed: 0, failed: 0 },
      createdAt: unixNow(),
      inputFileId: params.inputFileId,
      outputFileId: newLocalFileId(),
      errorFileId: newLocalFileId(),
    };
    job.inProgressAt = job.createdAt;
    const models = [...new Set(requests.map((request) => request.body.model).filter((model): model is string => typeof model === 'string'))];
    if (models.length === 1) job.model = models[0];
    if (params.metadata) applySubmissionMetadata(job, params.metadata);
    const record: LocalJobRecord = { job, customIds: requests.map((request) => request.customId) };
    await this.archive.saveRecord(record);
    const finished = await this.start(record, requests, params).done;
    // Not one chunk was answered (a refused key, a wrong base URL, no network): that is the provider's error,
    // for the user to act on, not a "completed" job of failures that would then block the same file as a duplicate.
    if (this.firstFailure.has(job.id)) {
      const failure = this.firstFailure.get(job.id);
      this.firstFailure.delete(job.id);
      await this.archive.removeRecord(job.id);
      throw failure;
    }
    return finished;
  }

  /** Failures of runs in which no chunk was answered, by job id (createBatch rethrows them). */
  private readonly firstFailure = new Map<string, unknown>();

  private start(record: LocalJobRecord, requests: readonly BatchRequestLine[], params: Pick<CreateBatchParams, 'signal' | 'onRequestsProgress'> = {}): ActiveRun {
    const controller = new AbortController();
    params.signal?.addEventListener('abort', () => controller.abort(), { once: true });
    const job = record.job;
    const run: ActiveRun = { job, controller, done: Promise.resolve(job) };
    run.done = this.send(record, requests, controller.signal, params.onRequestsProgress).finally(() => this.active.delete(job.id));
    this.active.set(job.id, run);
    return run;
  }

  private journalPaths(job: Job): JournalPaths {
    return { results: this.archive.filePath(job.outputFileId!), errors: this.archive.filePath(job.errorFileId!), sent: join(this.archive.directory, 'files', `${job.id}.sent.jsonl`) };
  }

  private async send(record: LocalJobRecord, requests: readonly BatchRequestLine[], signal: AbortSignal, onProgress?: (done: number, total: number) => void): Promise<Job> {
    const { job } = record;
    // A job carried on after it was stopped may have lost the id of a file it had no line for.
    job.outputFileId ??= newLocalFileId();
    job.errorFileId ??= newLocalFileId();
    const paths = this.journalPaths(job);
    const previous = await readJournal(paths);
    const todo = requests.filter((request) => !previous.answers.has(request.customId));
    const answeredBefore = [...previous.answers.values()];
    const succeededBefore = answeredBefore.filter(answerSucceeded).length;
    job.requestCounts = { total: requests.length, completed: succeededBefore, failed: answeredBefore.length - succeededBefore };
    const journal = await RunJournal.open(paths);
    const maxAttempts = this.profile.maxAttempts ?? DEFAULT_SEED_MAX_ATTEMPTS;
    const timeout = (this.profile.timeoutSeconds ?? DEFAULT_SEED_TIMEOUT_SECONDS) * 1000;
    let done = requests.length - todo.length;
    let answered = 0;
    let firstFailure: unknown;
    // The run's own time: a fast run starts and ends within one second of the job's timestamps.
    const startedMs = performance.now();
    try {
      await mapWithConcurrency(planSeedChunks(todo, this.profile.chunkSizes), this.profile.concurrency ?? DEFAULT_SEED_CONCURRENCY, async (chunk) => {
        if (signal.aborted) return;
        const customIds = chunk.requests.map((request) => request.customId);
        const lines: SeedResultLines = { outputs: [], errors: [], usage: emptyUsage() };
        try {
          const { data, request_id } = await this.client
            .post('/batch/chat/completions', { body: { model: chunk.model, requests: chunk.requests.map(seedRequestEntry) }, signal, maxRetries: maxAttempts - 1, timeout })
            .withResponse();
          answered++;
          seedAnswerLines(customIds, data, request_id ?? undefined, lines);
        } catch (error) {
          if (signal.aborted || isAbort(error)) return; // not answered: sent again when the job carries on
          firstFailure ??= error;
          const code = error instanceof APIError ? String(error.code ?? error.status ?? 'request_failed') : 'connection_error';
          const message = errorMessage(error);
          for (const customId of customIds) lines.errors.push(errorLine(customId, code, message));
        }
        for (const line of lines.outputs) journal.recordAnswer(line, true);
        for (const line of lines.errors) journal.recordAnswer(line, false);
        job.requestCounts.completed += lines.outputs.length;
        job.requestCounts.failed += lines.errors.length;
        done += customIds.length;
        onProgress?.(done, requests.length);
      });
    } finally {
      await journal.close(!signal.aborted);
    }
    if (answered === 0 && firstFailure !== undefined && previous.answers.size === 0) {
      this.firstFailure.set(job.id, firstFailure);
      return job;
    }
    // A run carried on after a stop adds its time to the earlier process's.
    job.processingTimeSeconds = (job.processingTimeSeconds ?? 0) + (performance.now() - startedMs) / 1000;
    await this.finish(job, signal.aborted ? 'cancelled' : 'completed');
    await this.archive.saveRecord(record);
    return job;
  }

  /** Counts, usage and files from the journal as it stands (earlier processes' answers included). */
  private async finish(job: Job, status: 'completed' | 'cancelled'): Promise<void> {
    const paths = this.journalPaths(job);
    const lines: SeedResultLines = { outputs: [], errors: [], usage: emptyUsage() };
    let completed = 0;
    let failed = 0;
    for (const [file, succeeded] of [
      [paths.results, true],
      [paths.errors, false],
    ] as const) {
      if (!(await stat(file).catch(() => undefined))) {
        if (succeeded) delete job.outputFileId;
        else delete job.errorFileId;
        continue;
      }
      for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
        if (text.trim() === '') continue;
        if (!succeeded) {
          failed++;
          continue;
        }
        completed++;
        const body = (JSON.parse(text) as { response?: { body?: unknown } }).response?.body;
        seedAnswerLines(['usage'], { responses: [{ index: 0, response: body }] }, undefined, lines);
      }
    }
    job.requestCounts = { total: job.requestCounts.total, completed, failed };
    job.usage = lines.usage;
    job.status = status;
    const now = unixNow();
    if (status === 'cancelled') job.cancelledAt = now;
    else job.completedAt = job.finalizingAt = now;
  }

  async retrieveBatch(id: string): Promise<Job> {
    const running = this.active.get(id);
    if (running) return { ...running.job, requestCounts: { ...running.job.requestCounts } };
    const record = await this.archive.readRecord(id);
    if (!record || record.job.profile !== this.profile.name) throw new Error(`No batch "${id}" was run through profile "${this.profile.name}" on this machine.`);
    if (record.job.status === 'in_progress' && record.job.inputFileId) {
      // Left unfinished by a process that stopped (a window reload): carry on from its journal.
      const requests = await readBatchRequests(this.archive.filePath(record.job.inputFileId!));
      void this.start(record, requests).done.catch(() => undefined);
    }
    return record.job;
  }

  listBatches(options?: ListBatchesOptions): Promise<JobPage> {
    return this.archive.listJobs(this.profile.name, options);
  }

  /** Stops sending; the answers so far stay in the job's files and the job ends `cancelled`. */
  async cancelBatch(id: string): Promise<Job> {
    const running = this.active.get(id);
    if (!running) return this.retrieveBatch(id);
    running.controller.abort();
    return running.done;
  }

  downloadFile(fileId: string, destinationPath: string, options?: DownloadOptions): Promise<{ bytes: number }> {
    return this.archive.downloadFile(fileId, destinationPath, options);
  }
}
