import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Job } from '../jobs/job';
import type { JobStore } from '../jobs/jobStore';
import type { BatchProvider } from '../providers/batchProvider';
import { redactingLog, type ProviderLog } from '../providers/redaction';
import { estimateBatchFile, estimateCost, queueHeadroom, type CostEstimate, type FileTokens, type QueueHeadroom } from '../estimate';
import { discountNameForProfile, loadPriceTable, type PriceTable } from '../results/priceTable';
import { DiagnosticCodes, type BatchDiagnostic, type BatchFileReport } from '../validation';
import { createBatchOnce } from './createBatchOnce';
import { findLiveSubmission } from './duplicateCheck';
import { sha256OfFile } from './fileDigest';
import { planSplit, scanLineExtents, writeSplitParts, type SplitPlan } from './splitPlan';

/** Diagnostics that a split fixes: they do not block a submission that may be split. */
const LIMIT_CODES: ReadonlySet<string> = new Set([DiagnosticCodes.tooManyTasks, DiagnosticCodes.fileTooLarge]);

/** What the user confirms before anything is uploaded. */
export interface SubmissionSummary {
  /** Absolute path of the file on disk (what is submitted, not an unsaved editor buffer). */
  file: string;
  profile: string;
  report: BatchFileReport;
  /** SHA-256 (hex) of the file's bytes. */
  sha256: string;
  endpoint: string;
  model?: string;
  requests: number;
  bytes: number;
  completionWindow: '24h';
  /** Input tokens, output bound and how exact (see src/core/estimate). */
  tokens: FileTokens;
  /** The provider's enqueued-token limit against this machine's active jobs on the profile. */
  headroom: QueueHeadroom;
  /** At batch and synchronous prices; unset when the model has no price. */
  cost?: CostEstimate;
}

/**
 * The answer of {@link checkSubmission}:
 * - `invalid`: validation found errors (other than the limits a split fixes); nothing may be sent.
 * - `duplicate`: a live job already carries this content (`existing`); submit again only with `force`.
 * - `ready`: may be submitted; `split` is set when the file is over the profile's limits and must go as parts.
 */
export type SubmissionCheck =
  | { outcome: 'invalid'; file: string; report: BatchFileReport; errors: BatchDiagnostic[] }
  | ({ outcome: 'duplicate'; existing: Job; split?: SplitPlan } & SubmissionSummary)
  | ({ outcome: 'ready'; split?: SplitPlan } & SubmissionSummary);

export type SubmitStage = 'validating' | 'hashing' | 'checking-duplicates' | 'splitting' | 'uploading' | 'creating' | 'running' | 'recording';

/** Progress for a notification: the stage, the part (1-based, of `parts`) and bytes or requests done. */
export interface SubmitProgress {
  stage: SubmitStage;
  part?: number;
  parts?: number;
  /** `uploading`: bytes sent of the part. */
  bytes?: number;
  totalBytes?: number;
  /** `running` (providers that run requests during create): requests done. */
  requests?: number;
  totalRequests?: number;
}

export interface SubmitOptions {
  provider: BatchProvider;
  /** Where the job is recorded (persisted) before the submission resolves. */
  jobStore: JobStore;
  /** Submit even though a live job already carries this content. */
  force?: boolean;
  /** Over the profile's limits: write the parts beside the file and submit them as one group (default: answer `needs-split`). */
  split?: boolean;
  /** Cancels validation, hashing and upload. Once the create call is sent it runs to its end (see createBatchOnce). */
  signal?: AbortSignal;
  onProgress?: (progress: SubmitProgress) => void;
  /** Diagnostic lines for the log; keys are redacted before they reach it. */
  log?: ProviderLog;
  /** The key in use, so the log redaction removes it even where it is not shaped like a key. */
  apiKey?: string;
  /** Prices for the cost estimate (default: the shipped schemas/prices.json). */
  prices?: PriceTable;
  /**
   * Called before each upload (each part of a split) with its input tokens; resolves once the provider's
   * queue has room for them (see `waitForQueueHeadroom`). Without it every part is sent at once.
   */
  waitForHeadroom?: (tokens: number, part: number, parts: number) => Promise<void>;
}

/**
 * The answer of a submission:
 * - `invalid` / `duplicate`: refused, as in {@link SubmissionCheck} (`duplicate` only without `force`).
 * - `needs-split`: over the limits and `split` was not set; `plan` says how many parts it would make.
 * - `submitted`: the jobs created (one, or one per part sharing `groupId`), already in the JobStore.
 */
export type SubmitResult =
  | { outcome: 'invalid'; check: Extract<SubmissionCheck, { outcome: 'invalid' }> }
  | { outcome: 'duplicate'; existing: Job; check: Extract<SubmissionCheck, { outcome: 'duplicate' }> }
  | { outcome: 'needs-split'; plan: SplitPlan; check: Extract<SubmissionCheck, { outcome: 'ready' | 'duplicate' }> }
  | { outcome: 'submitted'; jobs: Job[]; groupId?: string; partFiles?: string[]; check: Extract<SubmissionCheck, { outcome: 'ready' | 'duplicate' }> };

/**
 * A split submission failed after some of its parts were created (and recorded): `submitted` are those
 * jobs, `remainingFiles` the part files not submitted. Submitting the whole file again would bill the
 * submitted parts twice; the remaining part files are what is left to send. `cause` is the part's error.
 */
export class PartialSubmissionError extends Error {
  override readonly name = 'PartialSubmissionError';
  constructor(
    readonly submitted: Job[],
    readonly remainingFiles: string[],
    readonly parts: number,
    override readonly cause: unknown,
  ) {
    super(`${submitted.length} of ${parts} parts were submitted before part ${submitted.length + 1} failed.`, { cause });
  }
}

/**
 * Everything that happens before an upload: validate (refuse on errors), hash the bytes, plan a split when
 * the file is over the profile's limits, and look for a live job with the same content (the provider's
 * recent batches, then the JobStore). The UI shows the summary and asks; then {@link submitChecked}.
 */
export async function checkSubmission(file: string, options: Omit<SubmitOptions, 'force' | 'split' | 'apiKey'>): Promise<SubmissionCheck> {
  const { provider, signal } = options;
  const path = resolve(file);
  options.onProgress?.({ stage: 'validating' });
  const { report, tokens, lineTokens } = await estimateBatchFile(path, { provider: provider.capabilities.limitsName });
  signal?.throwIfAborted();
  const limits = provider.capabilities.limits;
  const overLimits = (limits.maxRequests !== undefined && report.requests > limits.maxRequests) || (limits.maxBytes !== undefined && report.bytes > limits.maxBytes);
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !(overLimits && LIMIT_CODES.has(diagnostic.code)));
  const endpoint = report.endpoint;
  if (errors.length > 0 || endpoint === undefined || report.requests === 0) return { outcome: 'invalid', file: path, report, errors };

  options.onProgress?.({ stage: 'hashing' });
  const sha256 = await sha256OfFile(path, signal);
  const summary: SubmissionSummary = {
    file: path,
    profile: provider.profile.name,
    report,
    sha256,
    endpoint,
    model: report.model,
    requests: report.requests,
    bytes: report.bytes,
    completionWindow: '24h',
    tokens,
    headroom: queueHeadroom(provider.profile, report.model, options.jobStore.all(), tokens.inputTokens),
  };
  const prices = options.prices ?? (await loadPriceTable().catch(() => undefined));
  const cost = prices && estimateCost(tokens, report.model, prices, discountNameForProfile(provider.profile));
  if (cost) summary.cost = cost;
  let split: SplitPlan | undefined;
  // Over the enqueued-token limit even with an empty queue: only parts can go.
  const overTokenLimit = summary.headroom.limit !== undefined && tokens.inputTokens > summary.headroom.limit;
  if (overLimits || overTokenLimit) {
    const { lines, leadingBytes } = await scanLineExtents(path, signal);
    const maxTokens = overTokenLimit ? summary.headroom.limit : undefined;
    const extents = maxTokens === undefined ? lines : lines.map((line, index) => ({ ...line, tokens: lineTokens[index] ?? 0 }));
    split = planSplit(extents, { maxRequests: limits.maxRequests, maxBytes: limits.maxBytes, maxTokens }, leadingBytes);
  }
  options.onProgress?.({ stage: 'checking-duplicates' });
  const existing = await findLiveSubmission(provider, options.jobStore, { sha256, endpoint }, signal);
  if (existing) return { outcome: 'duplicate', existing, split, ...summary };
  return { outcome: 'ready', split, ...summary };
}

/**
 * Submits a checked file: uploads (with progress, cancellable), creates the batch with metadata
 * `{source_file, sha256, client_token}` at most once (see createBatchOnce), and records each job in the
 * JobStore before resolving. A split writes `name.part-i-of-n.batch.jsonl` beside the file and submits each
 * part with a shared `group_id`; parts created before a failure stay recorded. Errors are thrown as they
 * come (SDK errors, `CreateOutcomeUnknownError`, `UnsplittableLineError`); see describeSubmitError.
 */
export async function submitChecked(check: SubmissionCheck, options: SubmitOptions): Promise<SubmitResult> {
  if (check.outcome === 'invalid') return { outcome: 'invalid', check };
  if (check.outcome === 'duplicate' && !options.force) return { outcome: 'duplicate', existing: check.existing, check };
  if (check.split && !options.split) return { outcome: 'needs-split', plan: check.split, check };
  const log = options.log && redactingLog(options.log, [options.apiKey]);

  if (!check.split) {
    await options.waitForHeadroom?.(check.tokens.inputTokens, 1, 1);
    const job = await submitOne(check.file, check, options, { sha256: check.sha256, part: 1, parts: 1, requests: check.requests, tokens: check.tokens }, log);
    return { outcome: 'submitted', jobs: [job], check };
  }
  options.onProgress?.({ stage: 'splitting', parts: check.split.parts.length });
  const partFiles = await writeSplitParts(check.file, check.split, options.signal);
  const groupId = randomUUID();
  const jobs: Job[] = [];
  for (const [index, partFile] of partFiles.entries()) {
    try {
      const sha256 = await sha256OfFile(partFile, options.signal);
      const { tokens } = await estimateBatchFile(partFile, { provider: options.provider.capabilities.limitsName });
      await options.waitForHeadroom?.(tokens.inputTokens, index + 1, partFiles.length);
      jobs.push(await submitOne(partFile, check, options, { sha256, part: index + 1, parts: partFiles.length, requests: check.split.parts[index].requests, groupId, tokens }, log));
    } catch (error) {
      if (jobs.length > 0) throw new PartialSubmissionError(jobs, partFiles.slice(index), partFiles.length, error);
      throw error;
    }
  }
  return { outcome: 'submitted', jobs, groupId, partFiles, check };
}

/** {@link checkSubmission} then {@link submitChecked}: the CLI's submit, and any caller that needs no confirmation. */
export async function submitBatchFile(file: string, options: SubmitOptions): Promise<SubmitResult> {
  return submitChecked(await checkSubmission(file, options), options);
}

interface PartIdentity {
  sha256: string;
  part: number;
  parts: number;
  requests: number;
  groupId?: string;
  tokens: FileTokens;
}

async function submitOne(path: string, check: SubmissionSummary, options: SubmitOptions, identity: PartIdentity, log: ProviderLog | undefined): Promise<Job> {
  const { provider, signal, onProgress } = options;
  const { part, parts } = identity;
  onProgress?.({ stage: 'uploading', part, parts, bytes: 0 });
  const file = await provider.uploadFile(path, {
    signal,
    onProgress: (bytes, totalBytes) => onProgress?.({ stage: 'uploading', part, parts, bytes, totalBytes }),
  });
  log?.('info', `uploaded ${basename(path)} as ${file.id} (${file.bytes} bytes)`);
  signal?.throwIfAborted();

  const metadata: Record<string, string> & { client_token: string } = { source_file: basename(path), sha256: identity.sha256, client_token: randomUUID() };
  if (identity.groupId) Object.assign(metadata, { group_id: identity.groupId, part: `${part}/${parts}`, source_sha256: check.sha256 });
  onProgress?.({ stage: provider.capabilities.completesOnCreate ? 'running' : 'creating', part, parts });
  const created = await createBatchOnce(
    provider,
    {
      inputFileId: file.id,
      endpoint: check.endpoint,
      completionWindow: check.completionWindow,
      metadata,
      // Not `signal`: once sent, a create must finish or be reconciled; aborting mid-call would leave it unknown.
      onRequestsProgress: (requests, totalRequests) => onProgress?.({ stage: 'running', part, parts, requests, totalRequests }),
    },
    log,
  );
  log?.('info', `created batch ${created.id} (${created.status}) for ${basename(path)}`);

  onProgress?.({ stage: 'recording', part, parts });
  const job: Job = { ...created, sourceFile: path, sha256: identity.sha256, clientToken: metadata.client_token };
  if (identity.groupId) job.groupId = identity.groupId;
  // Kept so the queue headroom of later submissions counts this job's tokens until it ends.
  job.estimatedInputTokens = identity.tokens.inputTokens;
  job.estimatedOutputTokensMax = identity.tokens.outputTokensMax;
  if (!job.model && check.model) job.model = check.model;
  if (!job.requestCounts.total) job.requestCounts = { ...job.requestCounts, total: identity.requests };
  await options.jobStore.upsert(job);
  return job;
}
