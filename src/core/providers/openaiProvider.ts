import type OpenAI from 'openai';
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
import { writeStreamToFile } from './fileDownload';
import { uploadBatchFile } from './fileUpload';
import { jobFromBatch } from './jobFromBatch';
import type { Profile } from './profile';

/**
 * Files + Batches through the official SDK: OpenAI, Azure OpenAI (`AzureOpenAI` client), any compatible
 * server, the seed's `files` mode and the emulator. Retries, timeouts, pagination and multipart are the
 * SDK's; only the create call's retries are the caller's choice (`maxRetries`, see submission).
 */
export class OpenAIBatchProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;

  constructor(
    readonly profile: Profile,
    private readonly client: OpenAI,
  ) {
    this.capabilities = capabilitiesFor(profile);
  }

  uploadFile(path: string, options?: UploadOptions): Promise<UploadedFile> {
    return uploadBatchFile(this.client, path, options);
  }

  async createBatch(params: CreateBatchParams): Promise<Job> {
    const batch = await this.client.batches.create(
      {
        input_file_id: params.inputFileId,
        endpoint: params.endpoint as OpenAI.Batches.BatchCreateParams['endpoint'],
        completion_window: params.completionWindow ?? '24h',
        metadata: params.metadata,
      },
      { signal: params.signal, ...(params.maxRetries !== undefined ? { maxRetries: params.maxRetries } : {}) },
    );
    return jobFromBatch(batch, this.profile.name);
  }

  async retrieveBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return jobFromBatch(await this.client.batches.retrieve(id, { signal: options.signal }), this.profile.name);
  }

  async listBatches(options: ListBatchesOptions = {}): Promise<JobPage> {
    const page = await this.client.batches.list({ after: options.after, limit: options.limit ?? 20 }, { signal: options.signal });
    const jobs = page.data.map((batch) => jobFromBatch(batch, this.profile.name));
    return { jobs, hasMore: page.has_more, nextAfter: jobs.at(-1)?.id };
  }

  async cancelBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return jobFromBatch(await this.client.batches.cancel(id, { signal: options.signal }), this.profile.name);
  }

  async downloadFile(fileId: string, destinationPath: string, options: DownloadOptions = {}): Promise<{ bytes: number }> {
    // The file object's size tells a complete body from one cut short (a body without a length ends the same way).
    const file = await this.client.files.retrieve(fileId, { signal: options.signal });
    const response = await this.client.files.content(fileId, { signal: options.signal });
    const length = Number(response.headers.get('content-length'));
    const expected = typeof file.bytes === 'number' && file.bytes > 0 ? file.bytes : Number.isFinite(length) && length > 0 ? length : undefined;
    const body = response.body as unknown as AsyncIterable<Uint8Array> | null;
    return writeStreamToFile(body ?? emptyStream(), destinationPath, expected, options);
  }
}

async function* emptyStream(): AsyncGenerator<Uint8Array> {}
