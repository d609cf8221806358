import type { Job } from '../jobs/job';
import type { DialectName } from '../dialects/dialect';
import type { ProviderLimits, ProviderLimitsName } from '../validation';
import type { Profile } from './profile';

/** Bytes sent or received so far, and the total when known. */
export type ByteProgress = (transferredBytes: number, totalBytes: number | undefined) => void;

export interface UploadOptions {
  /** The name the provider records for the file; default: the file's basename. */
  filename?: string;
  /** Called as bytes leave the machine (per chunk read from disk). */
  onProgress?: ByteProgress;
  /** Aborting stops the upload; the promise rejects with the SDK's abort error. */
  signal?: AbortSignal;
}

/** A file the provider holds: an input file after upload, or an output/error file to download. */
export interface UploadedFile {
  id: string;
  bytes: number;
  filename: string;
}

export interface CreateBatchParams {
  inputFileId: string;
  /** The `url` of every line, e.g. `/v1/chat/completions`. */
  endpoint: string;
  /** Only `24h` exists today. */
  completionWindow?: '24h';
  /** At most 16 string pairs; submission sends `source_file`, `sha256` and `client_token`. */
  metadata?: Record<string, string>;
  /**
   * How many times the HTTP client may repeat the create call on its own. Submission passes 0: a repeated
   * create whose first answer was lost can start a second paid batch, so it reconciles before retrying.
   * Default: the client's own setting.
   */
  maxRetries?: number;
  signal?: AbortSignal;
  /** Seed jobs: where the server POSTs the finished job (default: the profile's `callbackUrl`). */
  callbackUrl?: string;
  /** Providers that run the requests during create (the seed's sync API) report per request here. */
  onRequestsProgress?: (doneRequests: number, totalRequests: number) => void;
}

export interface ListBatchesOptions {
  /** The id of the last job of the previous page. */
  after?: string;
  /** 1..100; default 20. */
  limit?: number;
  signal?: AbortSignal;
}

/** One page of jobs, newest first. */
export interface JobPage {
  jobs: Job[];
  hasMore: boolean;
  /** Pass as `after` to read the next page. */
  nextAfter?: string;
}

export interface DownloadOptions {
  onProgress?: ByteProgress;
  /** Cancels the download; its `.part` file is removed. */
  signal?: AbortSignal;
  /** Gives up when no bytes arrive for this long (default 60 s). */
  idleTimeoutMs?: number;
}

/** What a profile's provider can do: the UI enables commands and the submit flow plans from it. */
export interface ProviderCapabilities {
  /** The `url` values batches may use; `undefined`: any. */
  endpoints: readonly string[] | undefined;
  /** Which limit table validation applies for this profile. */
  limitsName: ProviderLimitsName;
  /** Per-file limits (requests, bytes); a file over them is split before submission. */
  limits: ProviderLimits;
  /**
   * True when `listBatches` asks the server, so the never-twice check also holds across machines and a
   * lost create answer can be reconciled; false when it only knows the jobs this machine submitted.
   */
  listsServerBatches: boolean;
  /**
   * True when a batch keeps the metadata submission writes (`sha256`, `client_token`), so a listed batch can be
   * recognised as ours: the never-twice check across machines and the reconciling of a lost create rely on it.
   * Anthropic's Message Batches keep none.
   */
  keepsSubmissionMetadata: boolean;
  /** The request format the provider takes; a file in another is refused before anything is sent. */
  dialect: DialectName;
  canCancel: boolean;
  /** True when `createBatch` runs every request before it returns (the seed's sync API). */
  completesOnCreate: boolean;
}

/**
 * One batch provider, whatever its API: OpenAI, Azure OpenAI, an OpenAI-compatible server, the seed's
 * sync or jobs API, or the emulator. Every method returns the same {@link Job} record, and output files
 * downloaded from any provider hold OpenAI batch output lines keyed by `custom_id`.
 *
 * Errors are the SDK's (`OpenAI.APIError` and its subclasses, `APIConnectionError`, `APIUserAbortError`)
 * or plain `Error`s; turn them into a user message with `describeProviderError`.
 */
export interface BatchProvider {
  readonly profile: Profile;
  readonly capabilities: ProviderCapabilities;
  /** Streams the file from disk with `purpose: batch`; retried by re-reading the file when the network fails. */
  uploadFile(path: string, options?: UploadOptions): Promise<UploadedFile>;
  createBatch(params: CreateBatchParams): Promise<Job>;
  retrieveBatch(id: string, options?: { signal?: AbortSignal }): Promise<Job>;
  /** Newest first, one page per call. */
  listBatches(options?: ListBatchesOptions): Promise<JobPage>;
  cancelBatch(id: string, options?: { signal?: AbortSignal }): Promise<Job>;
  /**
   * Streams a file's content to `destinationPath`: written to a temporary name beside it and renamed into
   * place only when complete, so a reader never sees half a file.
   */
  downloadFile(fileId: string, destinationPath: string, options?: DownloadOptions): Promise<{ bytes: number }>;
}
