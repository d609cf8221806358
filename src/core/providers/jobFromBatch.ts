import type { Job, JobError, JobStatus, JobTimestampName, JobUsage } from '../jobs/job';
import { redactSecrets } from './redaction';

const STATUSES: readonly JobStatus[] = ['validating', 'failed', 'in_progress', 'finalizing', 'completed', 'expired', 'cancelling', 'cancelled'];

/** Batch API field → Job field, for the optional timestamps. */
const TIMESTAMPS: ReadonlyArray<[string, Exclude<JobTimestampName, 'createdAt'>]> = [
  ['in_progress_at', 'inProgressAt'],
  ['finalizing_at', 'finalizingAt'],
  ['completed_at', 'completedAt'],
  ['failed_at', 'failedAt'],
  ['expired_at', 'expiredAt'],
  ['cancelling_at', 'cancellingAt'],
  ['cancelled_at', 'cancelledAt'],
  ['expires_at', 'expiresAt'],
];

type Fields = Record<string, unknown>;

function asObject(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function asNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

function usageOf(value: unknown): JobUsage | undefined {
  const usage = asObject(value);
  if (!usage) return undefined;
  return {
    inputTokens: asNumber(usage.input_tokens) ?? 0,
    cachedTokens: asNumber(asObject(usage.input_tokens_details)?.cached_tokens) ?? 0,
    outputTokens: asNumber(usage.output_tokens) ?? 0,
    reasoningTokens: asNumber(asObject(usage.output_tokens_details)?.reasoning_tokens) ?? 0,
    totalTokens: asNumber(usage.total_tokens) ?? 0,
  };
}

function errorsOf(value: unknown): JobError[] | undefined {
  const data = asObject(value)?.data;
  if (!Array.isArray(data) || data.length === 0) return undefined;
  return data.map((entry) => {
    const fields = asObject(entry) ?? {};
    // A server may echo the key in a message; the record is shown in tooltips, notifications and the CLI.
    const error: JobError = { code: redactSecrets(String(fields.code ?? 'unknown')), message: redactSecrets(String(fields.message ?? '')) };
    const param = asString(fields.param);
    const line = asNumber(fields.line);
    if (param) error.param = param;
    if (line !== undefined) error.line = line;
    return error;
  });
}

function metadataOf(value: unknown): Record<string, string> | undefined {
  const fields = asObject(value);
  if (!fields) return undefined;
  const metadata: Record<string, string> = {};
  for (const [key, entry] of Object.entries(fields)) if (typeof entry === 'string') metadata[key] = entry;
  return Object.keys(metadata).length > 0 ? metadata : undefined;
}

/**
 * A Batch API batch object as a {@link Job}. Lenient: the real API sends `null` for unset fields and
 * compatible servers omit or add fields, so anything missing is left out rather than rejected.
 * `sha256`, `clientToken` and `groupId` come from the metadata submission wrote.
 */
export function jobFromBatch(batch: unknown, profile: string): Job {
  const fields = asObject(batch) ?? {};
  const status = STATUSES.find((known) => known === fields.status) ?? 'validating';
  const counts = asObject(fields.request_counts);
  const job: Job = {
    id: String(fields.id ?? ''),
    profile,
    endpoint: asString(fields.endpoint) ?? '',
    status,
    requestCounts: {
      total: asNumber(counts?.total) ?? 0,
      completed: asNumber(counts?.completed) ?? 0,
      failed: asNumber(counts?.failed) ?? 0,
    },
    createdAt: asNumber(fields.created_at) ?? Math.floor(Date.now() / 1000),
  };
  const model = asString(fields.model);
  if (model) job.model = model;
  for (const [from, to] of TIMESTAMPS) {
    const time = asNumber(fields[from]);
    if (time !== undefined) job[to] = time;
  }
  const inputFileId = asString(fields.input_file_id);
  const outputFileId = asString(fields.output_file_id);
  const errorFileId = asString(fields.error_file_id);
  if (inputFileId) job.inputFileId = inputFileId;
  if (outputFileId) job.outputFileId = outputFileId;
  if (errorFileId) job.errorFileId = errorFileId;
  const usage = usageOf(fields.usage);
  if (usage) job.usage = usage;
  const errors = errorsOf(fields.errors);
  if (errors) job.errors = errors;
  const metadata = metadataOf(fields.metadata);
  if (metadata) applySubmissionMetadata(job, metadata);
  return job;
}

/** Carries the metadata submission wrote (`sha256`, `client_token`, `group_id`) onto the Job's own fields. */
export function applySubmissionMetadata(job: Job, metadata: Record<string, string>): void {
  job.metadata = { ...metadata };
  if (metadata.sha256) job.sha256 = metadata.sha256;
  if (metadata.client_token) job.clientToken = metadata.client_token;
  if (metadata.group_id) job.groupId = metadata.group_id;
}
