import * as l10n from '@vscode/l10n';
import { randomUUID } from 'node:crypto';
import { basename, resolve } from 'node:path';
import type { Job } from '../jobs/job';
import type { JobStore } from '../jobs/jobStore';
import type { BatchProvider } from '../providers/batchProvider';
import { fileModelFor } from '../providers/profile';
import { dialectNamed, type DialectName } from '../dialects';
import { redactingLog, type ProviderLog } from '../providers/redaction';
import { estimateBatchFile, estimateCost, queueHeadroom, type CostEstimate, type FileTokens, type QueueHeadroom } from '../estimate';
import { discountNameForProfile, loadPriceTable, type PriceTable } from '../results/priceTable';
import { DiagnosticCodes, type BatchDiagnostic, type BatchFileReport } from '../validation';
import { createBatchOnce } from './createBatchOnce';
import { findLiveSubmission } from './duplicateCheck';
import { sha256OfFile } from './fileDigest';
import { planSplit, scanLineExtents, writeSplitParts, type SplitPlan } from './splitPlan';

/** Diagnostics that a split fixes: they do not block a submission that may be split. */
/** A Batch API's limits on one file: a split meets them, and a direct run (one request at a time) has none. */
export const LIMIT_CODES: ReadonlySet<string> = new Set([DiagnosticCodes.tooManyTasks, DiagnosticCodes.fileTooLarge]);

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
  /** The user's own batch metadata (e.g. a description), sent beside the tool's keys; see {@link checkUserMetadata}. */
  metadata?: Record<string, string>;
  /** Seed jobs: the URL the server POSTs the finished job to (default: the profile's `callbackUrl`). */
  callbackUrl?: string;
  /** Split into parts of at most this many requests, below the provider's hard limits. */
  maxRequestsPerPart?: number;
}

/** The Batch API's metadata limits (batch-api-contract.md). */
const METADATA_MAX_KEYS = 16;
const METADATA_MAX_KEY_LENGTH = 64;
const METADATA_MAX_VALUE_LENGTH = 512;
/** The keys submission writes itself (a split part uses all six). */
export const TOOL_METADATA_KEYS = ['source_file', 'sha256', 'client_token', 'group_id', 'part', 'source_sha256'] as const;
/** What is left of the 16 keys for the user's own. */
export const MAX_USER_METADATA_KEYS = METADATA_MAX_KEYS - TOOL_METADATA_KEYS.length;

/** User metadata that would break the API's limits or overwrite the tool's own keys. */
export class MetadataError extends Error {
  override readonly name = 'MetadataError';
}

/** Refuses user metadata the API would refuse (or that would replace the keys never-twice relies on), saying which and why. */
export function checkUserMetadata(metadata: Record<string, string>): void {
  const keys = Object.keys(metadata);
  const reserved = keys.filter((key) => (TOOL_METADATA_KEYS as readonly string[]).includes(key));
  if (reserved.length) throw new MetadataError(`metadata key ${reserved.map((key) => `"${key}"`).join(', ')} is Batch Studio's own (${TOOL_METADATA_KEYS.join(', ')}): choose another name`);
  if (keys.length > MAX_USER_METADATA_KEYS) throw new MetadataError(`${keys.length} metadata keys: the API allows ${METADATA_MAX_KEYS}, and Batch Studio uses up to ${TOOL_METADATA_KEYS.length}, so at most ${MAX_USER_METADATA_KEYS} are yours`);
  for (const [key, value] of Object.entries(metadata)) {
    if (key.length === 0 || key.length > METADATA_MAX_KEY_LENGTH) throw new MetadataError(`metadata key "${key.slice(0, 80)}" must have 1 to ${METADATA_MAX_KEY_LENGTH} characters`);
    if (typeof value !== 'string' || value.length > METADATA_MAX_VALUE_LENGTH) throw new MetadataError(`metadata value of "${key}" must be text of at most ${METADATA_MAX_VALUE_LENGTH} characters`);
  }
}

/** The endpoint a profile cannot serve, named with the kinds that can; nothing is sent. */
function unservedEndpoint(endpoint: string, provider: BatchProvider): BatchDiagnostic | undefined {
  const served = provider.capabilities.endpoints;
  if (!served || served.includes(endpoint)) return undefined;
  const { profile } = provider;
  const api = profile.kind === 'seed' ? l10n.t("the seed's {0} API", profile.mode ?? 'files') : l10n.t('kind {0}', profile.kind);
  return {
    line: 0,
    column: 0,
    endLine: 0,
    endColumn: 0,
    severity: 'error',
    code: DiagnosticCodes.invalidUrl,
    param: 'url',
    message: l10n.t('profile "{0}" cannot serve {1}: {2} takes only {3}. Submit it through a profile of kind openai, azure or emulator, or seed in files mode.', profile.name, endpoint, api, served.join(', ')),
  };
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

/** The file is written for another API than the profile's: said on its first line, before anything is sent. */
export function dialectMismatch(dialect: DialectName, profileName: string, profileDialect: DialectName): BatchDiagnostic {
  const file = dialectNamed(dialect).label;
  const takes = dialectNamed(profileDialect).label;
  return {
    line: 0, column: 0, endLine: 0, endColumn: 0,
    severity: 'error',
    code: DiagnosticCodes.dialectMismatch,
    message: l10n.t('This file holds {0} requests, but profile "{1}" takes {2} batch files: choose a profile for {0} (or convert the file)', file, profileName, takes),
  };
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
  const hardLimits = provider.capabilities.limits;
  const limits = options.maxRequestsPerPart ? { ...hardLimits, maxRequests: Math.min(hardLimits.maxRequests ?? Infinity, options.maxRequestsPerPart) } : hardLimits;
  const overLimits = (limits.maxRequests !== undefined && report.requests > limits.maxRequests) || (limits.maxBytes !== undefined && report.bytes > limits.maxBytes);
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !(overLimits && LIMIT_CODES.has(diagnostic.code)));
  const endpoint = report.endpoint;
  const dialect = report.dialect ?? 'openai';
  if (errors.length === 0 && report.requests > 0 && dialect !== provider.capabilities.dialect) errors.push(dialectMismatch(dialect, provider.profile.name, provider.capabilities.dialect));
  if (errors.length > 0 || endpoint === undefined || report.requests === 0) return { outcome: 'invalid', file: path, report, errors };
  const unserved = unservedEndpoint(endpoint, provider);
  if (unserved) return { outcome: 'invalid', file: path, report, errors: [unserved] };

  options.onProgress?.({ stage: 'hashing' });
  const sha256 = await sha256OfFile(path, signal);
  const model = fileModelFor(report, provider.profile);
  const summary: SubmissionSummary = {
    file: path,
    profile: provider.profile.name,
    report,
    sha256,
    endpoint,
    model,
    requests: report.requests,
    bytes: report.bytes,
    completionWindow: '24h',
    tokens,
    headroom: queueHeadroom(provider.profile, model, options.jobStore.all(), tokens.inputTokens),
  };
  const prices = options.prices ?? (await loadPriceTable().catch(() => undefined));
  const cost = prices && estimateCost(tokens, model, prices, discountNameForProfile(provider.profile));
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
 * come (SDK errors, `CreateOutcomeUnknownError`, `UnsplittableLineError`); see describeProviderError.
 */
export async function submitChecked(check: SubmissionCheck, options: SubmitOptions): Promise<SubmitResult> {
  if (check.outcome === 'invalid') return { outcome: 'invalid', check };
  if (options.metadata) checkUserMetadata(options.metadata);
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

  // The user's keys first, the tool's after: never-twice and reconciliation rely on the tool's.
  const metadata: Record<string, string> & { client_token: string } = { ...options.metadata, source_file: basename(path), sha256: identity.sha256, client_token: randomUUID() };
  if (identity.groupId) Object.assign(metadata, { group_id: identity.groupId, part: `${part}/${parts}`, source_sha256: check.sha256 });
  onProgress?.({ stage: provider.capabilities.completesOnCreate ? 'running' : 'creating', part, parts });
  const created = await createBatchOnce(
    provider,
    {
      inputFileId: file.id,
      endpoint: check.endpoint,
      completionWindow: check.completionWindow,
      metadata,
      ...(options.callbackUrl ? { callbackUrl: options.callbackUrl } : {}),
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
