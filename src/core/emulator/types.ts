/** Shapes the emulator serves: the OpenAI Batch API objects (unset optional fields are omitted, never null). */

export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export const FINISHED_BATCH_STATUSES: ReadonlySet<BatchStatus> = new Set(['failed', 'completed', 'expired', 'cancelled']);

export interface BatchError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

export interface BatchUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  model?: string;
  errors?: { object: 'list'; data: BatchError[] };
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id?: string;
  error_file_id?: string;
  created_at: number;
  in_progress_at?: number;
  expires_at?: number;
  finalizing_at?: number;
  completed_at?: number;
  failed_at?: number;
  expired_at?: number;
  cancelling_at?: number;
  cancelled_at?: number;
  request_counts: { total: number; completed: number; failed: number };
  usage?: BatchUsage;
  metadata?: Record<string, string>;
}

export type FilePurpose = 'assistants' | 'batch' | 'batch_output' | 'fine-tune' | 'vision' | 'user_data' | 'evals';

export interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  expires_at?: number;
  filename: string;
  purpose: FilePurpose;
  status: 'processed';
}

/** One line of a batch output or error file. */
export interface BatchOutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: unknown } | null;
  error: { code: string; message: string } | null;
}

/** What a batch does differently because a test or the CLI asked for a fault. */
export type BatchFault = 'fail_validation' | 'expire' | 'stall';

export interface LatencyDistribution {
  /** `fixed`: always meanMs; `uniform`: 0..2×meanMs; `exponential`: mean meanMs (a long tail). */
  kind: 'fixed' | 'uniform' | 'exponential';
  meanMs: number;
}

/** Faults the emulator injects; every field can be changed at runtime (per test) on `RunningEmulator.faults`. */
export interface FaultSettings {
  /** Added before every API call is handled (real wall-clock time). */
  latency?: LatencyDistribution;
  /** Requests per emulated minute over all API calls; over it: 429 with Retry-After. */
  rpm?: number;
  /** Tokens per emulated minute over the inference endpoints (prompt estimate + max tokens). */
  tpm?: number;
  /** Fraction (0..1) of inference requests (direct, seed API entries and batch lines) answered 500/503. */
  failRate?: number;
  /** Fraction (0..1) of API calls whose connection is dropped without an answer. */
  dropRate?: number;
  /**
   * Synchronous inference answers are held this long (real ms) with a blank line sent every so often
   * before the JSON, as DeepSeek does under load: a client must wait for the body, not give up on the headers.
   */
  keepAliveMs?: number;
  /** A fault every new batch gets (`failNextBatch` queues one for the next batch only). */
  batchFault?: BatchFault;
}

export interface EmulatorOptions {
  /** Default 127.0.0.1: the emulator binds loopback unless told otherwise. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Keep files and batches on disk here so a restart loses nothing; default: kept for the process only. */
  dataDir?: string;
  /** Forward inference requests to this OpenAI-compatible base URL (e.g. http://127.0.0.1:8000/v1). */
  upstream?: string;
  /** Bearer key for every upstream call; a caller's own Authorization is never forwarded. */
  upstreamApiKey?: string;
  /** Mean latency added to every API call, in ms (fixed; use `faults.latency` for a distribution). */
  latencyMs?: number;
  /** The starting `FaultSettings` (see there); all can be changed later on `RunningEmulator.faults`. */
  rpm?: number;
  tpm?: number;
  failRate?: number;
  dropRate?: number;
  keepAliveMs?: number;
  batchFault?: BatchFault;
  /** Seed for every random choice (faults, line order): the same seed and inputs give the same run. */
  seed?: number;
  /** Emulated seconds per real second: 86400 makes the 24h window last one second. Default 1. */
  timeScale?: number;
  /** Batch lines executed per emulated second; default unlimited (full speed). */
  requestsPerSecond?: number;
  /** Upload limit in bytes; default 200 MB as the real API. */
  maxUploadBytes?: number;
}
