import type { BatchJob, GoogleGenAI } from '@google/genai';
import { rename, rm, stat } from 'node:fs/promises';
import { basename } from 'node:path';
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
import { capabilitiesFor } from './capabilities';
import type { BatchStatsListener } from './geminiClient';
import { displayNameFor, jobFromGeminiBatch } from './jobFromGeminiBatch';
import { geminiModelFor, type Profile } from './profile';

/** The File API takes JSON Lines as this type (the batch guide's upload example). */
const JSONL_MIME_TYPE = 'application/jsonl';

/**
 * Gemini's Batch Mode through the official Google Gen AI SDK: the file is uploaded through the File API and a
 * batch is created for the profile's model with the file as its source. A batch keeps no metadata, only a
 * display name, which carries the submission's hash and token (see jobFromGeminiBatch), so the never-twice
 * check and a lost create's reconciling look at the listed batches as for OpenAI. Results are one JSONL file
 * of `{key, response | error}` lines, downloaded through the File API.
 */
export class GeminiBatchProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;
  private readonly model: string;
  private readonly client: GoogleGenAI;
  /** The latest `batchStats` of each batch the API answered about, by name. */
  private readonly stats = new Map<string, Record<string, unknown>>();

  constructor(
    readonly profile: Profile,
    createClient: (onStats: BatchStatsListener) => GoogleGenAI,
  ) {
    this.capabilities = capabilitiesFor(profile);
    this.model = geminiModelFor(profile);
    this.client = createClient((name, stats) => this.stats.set(name, stats));
  }

  private toJob(batch: BatchJob): Job {
    return jobFromGeminiBatch(batch, this.profile.name, this.stats.get(batch.name ?? ''));
  }

  async uploadFile(path: string, options: UploadOptions = {}): Promise<UploadedFile> {
    const { size } = await stat(path);
    const filename = options.filename ?? basename(path);
    const file = await this.client.files.upload({ file: path, config: { mimeType: JSONL_MIME_TYPE, displayName: filename, abortSignal: options.signal } });
    options.onProgress?.(size, size);
    return { id: file.name ?? '', bytes: Number(file.sizeBytes ?? size), filename };
  }

  async createBatch(params: CreateBatchParams): Promise<Job> {
    const batch = await this.client.batches.create({
      model: this.model,
      src: params.inputFileId,
      config: {
        displayName: displayNameFor(params.metadata, params.inputFileId),
        abortSignal: params.signal,
        ...(params.maxRetries !== undefined ? { httpOptions: { retryOptions: { attempts: params.maxRetries + 1 } } } : {}),
      },
    });
    // The SDK leaves the batch's source out of what it returns.
    return { ...this.toJob(batch), inputFileId: params.inputFileId };
  }

  async retrieveBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return this.toJob(await this.client.batches.get({ name: id, config: { abortSignal: options.signal } }));
  }

  /** One page of the account's batches; `after` is the page token the previous page gave. */
  async listBatches(options: ListBatchesOptions = {}): Promise<JobPage> {
    const pager = await this.client.batches.list({ config: { pageSize: options.limit ?? 20, ...(options.after ? { pageToken: options.after } : {}), abortSignal: options.signal } });
    const jobs = pager.page.map((batch) => this.toJob(batch));
    const nextPageToken = (pager.params.config as { pageToken?: string } | undefined)?.pageToken;
    const hasMore = pager.hasNextPage();
    return { jobs, hasMore, ...(hasMore && nextPageToken ? { nextAfter: nextPageToken } : {}) };
  }

  /**
   * Gemini reports a batch it was asked to cancel as running until it stops (its batch states have no
   * cancelling): the job is `cancelling` until then, as an OpenAI batch would be.
   */
  async cancelBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    await this.client.batches.cancel({ name: id, config: { abortSignal: options.signal } });
    const job = await this.retrieveBatch(id, options);
    return job.status === 'in_progress' || job.status === 'validating' ? { ...job, status: 'cancelling' } : job;
  }

  /** `fileId` is the batch's responses file (`files/…`); written beside the target and renamed when complete. */
  async downloadFile(fileId: string, destinationPath: string, options: DownloadOptions = {}): Promise<{ bytes: number }> {
    const partPath = `${destinationPath}.part`;
    try {
      await this.client.files.download({ file: fileId, downloadPath: partPath, config: { abortSignal: options.signal } });
      const { size } = await stat(partPath);
      options.onProgress?.(size, size);
      await rename(partPath, destinationPath);
      return { bytes: size };
    } catch (error) {
      await rm(partPath, { force: true });
      throw error;
    }
  }
}
