import type Anthropic from '@anthropic-ai/sdk';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { createInterface } from 'node:readline';
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
import { jobFromMessageBatch } from './jobFromMessageBatch';
import type { Profile } from './profile';

type BatchRequest = Anthropic.Messages.Batches.BatchCreateParams.Request;

/** The file's requests, read for the create call (blank lines skipped; the file was validated first). */
async function readRequests(path: string, options: UploadOptions): Promise<BatchRequest[]> {
  const { size } = await stat(path);
  const input = createReadStream(path, { encoding: 'utf8', signal: options.signal });
  let read = 0;
  input.on('data', (chunk) => {
    read += Buffer.byteLength(chunk);
    options.onProgress?.(read, size);
  });
  const requests: BatchRequest[] = [];
  let lineNumber = 0;
  for await (const raw of createInterface({ input, crlfDelay: Infinity })) {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    const request = JSON.parse(text) as BatchRequest;
    if (typeof request.custom_id !== 'string' || typeof request.params !== 'object' || request.params === null) {
      throw new Error(`Line ${lineNumber} of ${basename(path)} is not an Anthropic batch request (custom_id and params are required).`);
    }
    requests.push(request);
  }
  return requests;
}

/**
 * Anthropic's Message Batches through the official SDK. A batch carries its requests inline, so "upload"
 * reads the file's requests and holds them for the create call that follows. The API keeps no metadata or
 * name on a batch: the never-twice check relies on the jobs recorded here, and a create whose answer was
 * lost is not retried (see capabilities). Results are one JSONL stream per batch, downloaded byte for byte.
 */
export class AnthropicBatchProvider implements BatchProvider {
  readonly capabilities: ProviderCapabilities;
  private readonly prepared = new Map<string, BatchRequest[]>();

  constructor(
    readonly profile: Profile,
    private readonly client: Anthropic,
  ) {
    this.capabilities = capabilitiesFor(profile);
  }

  async uploadFile(path: string, options: UploadOptions = {}): Promise<UploadedFile> {
    const requests = await readRequests(path, options);
    const id = `requests-${randomUUID()}`;
    this.prepared.set(id, requests);
    return { id, bytes: (await stat(path)).size, filename: options.filename ?? basename(path) };
  }

  async createBatch(params: CreateBatchParams): Promise<Job> {
    const requests = this.prepared.get(params.inputFileId);
    if (!requests) throw new Error(`No requests were read for ${params.inputFileId}: read the file (uploadFile) before creating the batch.`);
    const batch = await this.client.messages.batches.create(
      { requests },
      { signal: params.signal, ...(params.maxRetries !== undefined ? { maxRetries: params.maxRetries } : {}) },
    );
    this.prepared.delete(params.inputFileId);
    return jobFromMessageBatch(batch, this.profile.name);
  }

  async retrieveBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return jobFromMessageBatch(await this.client.messages.batches.retrieve(id, {}, { signal: options.signal }), this.profile.name);
  }

  async listBatches(options: ListBatchesOptions = {}): Promise<JobPage> {
    const page = await this.client.messages.batches.list({ limit: options.limit ?? 20, ...(options.after ? { after_id: options.after } : {}) }, { signal: options.signal });
    const jobs = page.data.map((batch) => jobFromMessageBatch(batch, this.profile.name));
    return { jobs, hasMore: page.has_more, nextAfter: page.last_id ?? jobs.at(-1)?.id };
  }

  async cancelBatch(id: string, options: { signal?: AbortSignal } = {}): Promise<Job> {
    return jobFromMessageBatch(await this.client.messages.batches.cancel(id, {}, { signal: options.signal }), this.profile.name);
  }

  /** `fileId` is the batch id (see jobFromMessageBatch); its results come from `results_url`. */
  async downloadFile(fileId: string, destinationPath: string, options: DownloadOptions = {}): Promise<{ bytes: number }> {
    const { results_url: resultsUrl } = await this.client.messages.batches.retrieve(fileId, {}, { signal: options.signal });
    if (!resultsUrl) throw new Error(`Message Batch ${fileId} has no results yet: they are ready once it has ended.`);
    // The SDK sends the key to whatever URL it is given: only to the profile's own origin.
    if (new URL(resultsUrl).origin !== new URL(this.profile.baseUrl).origin) {
      throw new Error(`The results of ${fileId} are at another origin (${new URL(resultsUrl).origin}) than profile "${this.profile.name}": not sending the key there.`);
    }
    // As `messages.batches.results` fetches them, but kept as bytes rather than decoded lines.
    const response = await this.client.get<Response>(resultsUrl, { headers: { Accept: 'application/binary' }, stream: true, __binaryResponse: true, signal: options.signal }).asResponse();
    const length = Number(response.headers.get('content-length'));
    const body = (response.body ?? emptyStream()) as unknown as AsyncIterable<Uint8Array>;
    return writeStreamToFile(body, destinationPath, Number.isFinite(length) && length > 0 ? length : undefined, options);
  }
}

async function* emptyStream(): AsyncGenerator<Uint8Array> {}
