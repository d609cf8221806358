/**
 * The one Job record every provider produces (OpenAI, Azure, compatible APIs, the seed's sync and jobs
 * APIs, the emulator), so the Jobs tree, the results and the retry code never branch on the provider.
 * Timestamps are Unix seconds, as the Batch API gives them.
 */
export type JobStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export const TERMINAL_JOB_STATUSES: readonly JobStatus[] = ['failed', 'completed', 'expired', 'cancelled'];

export function isTerminalStatus(status: JobStatus): boolean {
  return TERMINAL_JOB_STATUSES.includes(status);
}

export interface JobRequestCounts {
  total: number;
  completed: number;
  failed: number;
}

export interface JobUsage {
  inputTokens: number;
  cachedTokens: number;
  outputTokens: number;
  reasoningTokens: number;
  totalTokens: number;
}

/** A reason the provider gave for failing the batch, e.g. a validation error on an input line. */
export interface JobError {
  code: string;
  message: string;
  param?: string;
  /** 1-based line of the input file, when the provider names one. */
  line?: number;
}

export type JobTimestampName =
  | 'createdAt'
  | 'inProgressAt'
  | 'finalizingAt'
  | 'completedAt'
  | 'failedAt'
  | 'expiredAt'
  | 'cancellingAt'
  | 'cancelledAt'
  | 'expiresAt';

export interface Job extends Partial<Record<Exclude<JobTimestampName, 'createdAt'>, number>> {
  /** The provider's batch (or job) id. Unique within a profile. */
  id: string;
  /** The name of the profile the job was submitted through. */
  profile: string;
  endpoint: string;
  model?: string;
  status: JobStatus;
  requestCounts: JobRequestCounts;
  createdAt: number;
  /** Absolute path of the input file that was submitted, when it was submitted from this machine. */
  sourceFile?: string;
  /** SHA-256 (hex) of the submitted bytes: the never-twice check matches on it. */
  sha256?: string;
  /** Our idempotency token, sent as batch metadata, to find a batch whose create response was lost. */
  clientToken?: string;
  /** Parts of one split file share a group id. */
  groupId?: string;
  inputFileId?: string;
  outputFileId?: string;
  errorFileId?: string;
  usage?: JobUsage;
  /** The estimate made at submission: input tokens (they hold the provider's batch queue until the job ends) and the output bound. */
  estimatedInputTokens?: number;
  estimatedOutputTokensMax?: number;
  /** Seed jobs: the share of requests that succeeded (0..1), as the server reports it. */
  successRate?: number;
  /** Seed jobs: how long the server took to run the job, in seconds, as it reports it. */
  processingTimeSeconds?: number;
  /** Seed jobs: where the server was asked to POST the finished job. */
  callbackUrl?: string;
  errors?: JobError[];
  metadata?: Record<string, string>;
  /**
   * A run of a `direct` profile: this machine sends the requests one by one (src/core/runner); there is no
   * batch on a server to poll, and its answers are the run's journal beside the input.
   */
  directRun?: boolean;
  /** Set once the user has been told that the job finished, so it is announced exactly once. */
  finishNotified?: boolean;
}

/** True when the job has answers to show: a provider's output or error file, or a direct run's journal. */
export function hasResults(job: Job): boolean {
  return Boolean(job.outputFileId || job.errorFileId || (job.directRun && job.requestCounts.completed + job.requestCounts.failed > 0));
}

/** The key a store uses for a job: ids are only unique within one profile. */
export function jobKey(job: Pick<Job, 'profile' | 'id'>): string {
  return `${job.profile}\u0000${job.id}`;
}
