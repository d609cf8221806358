import { randomBytes } from 'node:crypto';
import { basename } from 'node:path';
import type OpenAI from 'openai';
import { APIError } from 'openai';
import type { Job } from '../jobs/job';
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
import { readBatchRequests } from './batchRequestLines';
import { capabilitiesFor } from './capabilities';
import { mapWithConcurrency } from './concurrency';
import { applySubmissionMetadata } from './jobFromBatch';
import type { LocalBatchArchive } from './localBatchArchive';
import type { Profile } from './profile';
import { redactSecrets } from './redaction';
import { emptyUsage, errorLine, seedAnswerLines, type SeedResultLines } from './seedResults';
import { planSeedChunks, seedRequestEntry } from './seedChunks';

/** Sync calls in flight at once: the seed recommends concurrent chunks; a few keep rate limits calm. */
export const DEFAULT_SEED_CONCURRENCY = 4;

function unixNow(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * The seed's sync batch API (`POST /v1/batch/chat/completions`). There is no server-side job: "create"
 * sends the file's requests in per-model chunks with bounded concurrency and returns a completed Job whose
 * output and error files are written to the local archive in the OpenAI batch output format. A failed
 * chunk is retried by the SDK (exponential backoff, Retry-After on 429); a chunk that still fails puts its
 * requests in the error file, and per-request failures inside an answer are kept one by one.
 */
export class SeedSyncProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;

  constructor(
    readonly profile: Profile,
    private readonly client: OpenAI,
    private readonly archive: LocalBatchArchive,
    private readonly concurrency = DEFAULT_SEED_CONCURRENCY,
  ) {
    this.capabilities = capabilitiesFor(profile);
  }

  uploadFile(path: string, options?: UploadOptions): Promise<UploadedFile> {
    return this.archive.importFile(path, options);
  }

  async createBatch(params: CreateBatchParams): Promise<Job> {
    const inputPath = this.archive.filePath(params.inputFileId);
    const requests = await readBatchRequests(inputPath);
    const job: Job = {
      id: `batch_sync_${randomBytes(12).toString('hex')}`,
      profile: this.profile.name,
      endpoint: params.endpoint,
      status: 'in_progress',
      requestCounts: { total: requests.length, completed: 0, failed: 0 },
      createdAt: unixNow(),
      inputFileId: params.inputFileId,
    };
    job.inProgressAt = job.createdAt;
    const models = [...new Set(requests.map((request) => request.body.model).filter((model): model is string => typeof model === 'string'))];
    if (models.length === 1) job.model = models[0];
    if (params.metadata) applySubmissionMetadata(job, params.metadata);

    const lines: SeedResultLines = { outputs: [], errors: [], usage: emptyUsage() };
    // The run's own time: a fast run starts and ends within one second of the job's timestamps.
    const startedMs = performance.now();
    let done = 0;
    let answered = 0;
    let firstFailure: unknown;
    await mapWithConcurrency(planSeedChunks(requests), this.concurrency, async (chunk) => {
      const customIds = chunk.requests.map((request) => request.customId);
      try {
        const { data, request_id } = await this.client
          .post('/batch/chat/completions', { body: { model: chunk.model, requests: chunk.requests.map(seedRequestEntry) }, signal: params.signal })
          .withResponse();
        answered++;
        seedAnswerLines(customIds, data, request_id ?? undefined, lines);
      } catch (error) {
        if (params.signal?.aborted) throw error;
        firstFailure ??= error;
        const code = error instanceof APIError ? String(error.code ?? error.status ?? 'request_failed') : 'connection_error';
        const message = redactSecrets(error instanceof Error ? error.message : String(error));
        for (const customId of customIds) lines.errors.push(errorLine(customId, code, message));
      }
      done += customIds.length;
      params.onRequestsProgress?.(done, requests.length);
    });

    // Not one chunk was answered (a refused key, a wrong base URL, no network): that is the provider's error,
    // for the user to act on, not a "completed" job of failures that would then block the same file as a duplicate.
    if (answered === 0 && firstFailure !== undefined) throw firstFailure;

    const stem = basename(inputPath, '.jsonl');
    if (lines.outputs.length > 0) job.outputFileId = (await this.archive.createFile(lines.outputs, `${stem}_output.jsonl`)).id;
    if (lines.errors.length > 0) job.errorFileId = (await this.archive.createFile(lines.errors, `${stem}_errors.jsonl`)).id;
    job.requestCounts = { total: requests.length, completed: lines.outputs.length, failed: lines.errors.length };
    job.usage = lines.usage;
    job.status = 'completed';
    job.processingTimeSeconds = (performance.now() - startedMs) / 1000;
    job.completedAt = unixNow();
    job.finalizingAt = job.completedAt;
    await this.archive.saveRecord({ job, customIds: requests.map((request) => request.customId) });
    return job;
  }

  async retrieveBatch(id: string): Promise<Job> {
    const record = await this.archive.readRecord(id);
    if (!record || record.job.profile !== this.profile.name) throw new Error(`No batch "${id}" was run through profile "${this.profile.name}" on this machine.`);
    return record.job;
  }

  listBatches(options?: ListBatchesOptions): Promise<JobPage> {
    return this.archive.listJobs(this.profile.name, options);
  }

  async cancelBatch(id: string): Promise<Job> {
    // Nothing to cancel: a sync batch has finished by the time it has an id.
    return this.retrieveBatch(id);
  }

  downloadFile(fileId: string, destinationPath: string, options?: DownloadOptions): Promise<{ bytes: number }> {
    return this.archive.downloadFile(fileId, destinationPath, options);
  }
}
