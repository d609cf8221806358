import { basename } from 'node:path';
import type OpenAI from 'openai';
import { isTerminalStatus, type Job, type JobStatus, type JobUsage } from '../jobs/job';
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
import { applySubmissionMetadata } from './jobFromBatch';
import type { LocalBatchArchive, LocalJobRecord } from './localBatchArchive';
import type { Profile } from './profile';
import { seedRequestEntry } from './seedChunks';
import { emptyUsage, seedAnswerLines, type SeedResultLines } from './seedResults';

type Fields = Record<string, unknown>;

const STATUS_OF_SEED: Readonly<Record<string, JobStatus>> = {
  queued: 'validating',
  pending: 'validating',
  in_progress: 'in_progress',
  running: 'in_progress',
  completed: 'completed',
  failed: 'failed',
  cancelled: 'cancelled',
};

/**
 * The seed's async jobs API: `POST /v1/batch/jobs` with the file's requests inline, then
 * `GET /v1/batch/jobs/{id}` until a terminal status. The API has no files and no list, so the custom_ids
 * and the job are recorded in the local archive, and once the job has finished its answers are written
 * there as OpenAI batch output and error files.
 */
export class SeedJobsProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;

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
    const model = requests.map((request) => request.body.model).find((value): value is string => typeof value === 'string') ?? '';
    const callbackUrl = params.callbackUrl ?? this.profile.callbackUrl;
    const answer = await this.client.post<Fields>('/batch/jobs', {
      body: { model, requests: requests.map(seedRequestEntry), ...(callbackUrl ? { callback_url: callbackUrl } : {}) },
      signal: params.signal,
      ...(params.maxRetries !== undefined ? { maxRetries: params.maxRetries } : {}),
    });
    const job = this.jobFromSeed(answer, { endpoint: params.endpoint, inputFileId: params.inputFileId, model });
    if (callbackUrl) job.callbackUrl = callbackUrl;
    if (params.metadata) applySubmissionMetadata(job, params.metadata);
    await this.archive.saveRecord({ job, customIds: requests.map((request) => request.customId) });
    return job;
  }

  async retrieveBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    const record = await this.archive.readRecord(id);
    const answer = await this.client.get<Fields>(`/batch/jobs/${encodeURIComponent(id)}`, { signal: options.signal });
    return this.update(record, answer);
  }

  listBatches(options?: ListBatchesOptions): Promise<JobPage> {
    return this.archive.listJobs(this.profile.name, options);
  }

  async cancelBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    const record = await this.archive.readRecord(id);
    const answer = await this.client.post<Fields>(`/batch/jobs/${encodeURIComponent(id)}/cancel`, { signal: options.signal });
    return this.update(record, answer);
  }

  downloadFile(fileId: string, destinationPath: string, options?: DownloadOptions): Promise<{ bytes: number }> {
    return this.archive.downloadFile(fileId, destinationPath, options);
  }

  /** Merges the server's view into the recorded job; writes the result files the first time it is terminal. */
  private async update(record: LocalJobRecord | undefined, answer: Fields): Promise<Job> {
    const known = record?.job;
    const job = this.jobFromSeed(answer, { endpoint: known?.endpoint ?? '/v1/chat/completions', inputFileId: known?.inputFileId, model: known?.model });
    if (known?.metadata) applySubmissionMetadata(job, known.metadata);
    if (known?.callbackUrl) job.callbackUrl = known.callbackUrl;
    if (record && isTerminalStatus(job.status)) {
      if (known?.outputFileId || known?.errorFileId) {
        Object.assign(job, pick(known, ['outputFileId', 'errorFileId', 'requestCounts']));
        job.usage ??= known.usage;
      } else if (Array.isArray(answer.responses)) {
        await this.writeResults(job, record.customIds, answer);
      }
    }
    if (record) await this.archive.saveRecord({ job, customIds: record.customIds });
    return job;
  }

  private async writeResults(job: Job, customIds: string[], answer: Fields): Promise<void> {
    const lines: SeedResultLines = { outputs: [], errors: [], usage: emptyUsage() };
    const missing =
      job.status === 'cancelled'
        ? { code: 'batch_cancelled', message: 'This request was not run: the batch was cancelled first.' }
        : { code: 'missing_response', message: 'The provider finished the job without an answer for this request.' };
    seedAnswerLines(customIds, answer, undefined, lines, missing);
    const stem = job.inputFileId ? basename(this.archive.filePath(job.inputFileId), '.jsonl') : job.id;
    if (lines.outputs.length > 0) job.outputFileId = (await this.archive.createFile(lines.outputs, `${stem}_output.jsonl`)).id;
    if (lines.errors.length > 0) job.errorFileId = (await this.archive.createFile(lines.errors, `${stem}_errors.jsonl`)).id;
    job.requestCounts = { total: customIds.length, completed: lines.outputs.length, failed: lines.errors.length };
    // The server's `total_usage` when it sends one; else the sum of the answers' own usage.
    job.usage ??= lines.usage;
  }

  private jobFromSeed(answer: Fields, known: { endpoint: string; inputFileId?: string; model?: string }): Job {
    const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
    const status = STATUS_OF_SEED[String(answer.status)] ?? 'in_progress';
    const job: Job = {
      id: String(answer.job_id ?? answer.id ?? ''),
      profile: this.profile.name,
      endpoint: known.endpoint,
      status,
      requestCounts: { total: number(answer.total) ?? 0, completed: number(answer.completed) ?? 0, failed: 0 },
      createdAt: number(answer.created) ?? Math.floor(Date.now() / 1000),
    };
    const model = typeof answer.model === 'string' ? answer.model : known.model;
    if (model) job.model = model;
    if (known.inputFileId) job.inputFileId = known.inputFileId;
    const successRate = number(answer.success_rate);
    if (successRate !== undefined && successRate >= 0 && successRate <= 1) job.successRate = successRate;
    const processingTime = number(answer.processing_time);
    if (processingTime !== undefined && processingTime >= 0) job.processingTimeSeconds = processingTime;
    const usage = seedTotalUsage(answer.total_usage);
    if (usage) job.usage = usage;
    const finishedAt = number(answer.completed_at);
    if (finishedAt !== undefined) {
      if (status === 'completed') job.completedAt = finishedAt;
      if (status === 'failed') job.failedAt = finishedAt;
      if (status === 'cancelled') job.cancelledAt = finishedAt;
    }
    return job;
  }
}

/** The seed's `total_usage {prompt_tokens, completion_tokens, total_tokens}` as a JobUsage. */
function seedTotalUsage(value: unknown): JobUsage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Fields;
  const count = (entry: unknown) => (typeof entry === 'number' && Number.isFinite(entry) && entry >= 0 ? entry : 0);
  const inputTokens = count(fields.prompt_tokens);
  const outputTokens = count(fields.completion_tokens);
  return { inputTokens, cachedTokens: count(fields.prompt_cache_hit_tokens), outputTokens, reasoningTokens: 0, totalTokens: count(fields.total_tokens) || inputTokens + outputTokens };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const picked: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) picked[key] = source[key];
  return picked;
}
