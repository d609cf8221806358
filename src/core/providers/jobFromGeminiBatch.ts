import type { BatchJob } from '@google/genai';
import { GEMINI_ENDPOINT } from '../dialects/gemini/rules';
import type { Job, JobStatus } from '../jobs/job';
import { applySubmissionMetadata } from './jobFromBatch';

/**
 * Gemini batches keep no metadata, only a display name: the submission's `sha256` and `client_token` are
 * written into it (`<file> bs1 <sha256 base64url> <token>`, under the API's length limits) and read back from
 * it, so the never-twice check and the reconciling of a lost create work as with OpenAI's metadata.
 */
const MARKER = 'bs1';
const SOURCE_NAME_LENGTH = 30;

export function displayNameFor(metadata: Record<string, string> | undefined, fallback: string): string {
  const source = (metadata?.source_file ?? fallback).replace(/\s+/g, '_').slice(0, SOURCE_NAME_LENGTH);
  if (!metadata?.sha256 || !metadata.client_token) return source;
  return `${source} ${MARKER} ${Buffer.from(metadata.sha256, 'hex').toString('base64url')} ${metadata.client_token}`;
}

function metadataFromDisplayName(displayName: string | undefined): Record<string, string> | undefined {
  const found = displayName ? new RegExp(`^(\\S*) ${MARKER} ([A-Za-z0-9_-]{43}) (\\S+)$`).exec(displayName) : null;
  if (!found) return undefined;
  return { source_file: found[1], sha256: Buffer.from(found[2], 'base64url').toString('hex'), client_token: found[3] };
}

const STATUS_BY_STATE: Readonly<Record<string, JobStatus>> = {
  JOB_STATE_QUEUED: 'validating',
  JOB_STATE_PENDING: 'validating',
  JOB_STATE_RUNNING: 'in_progress',
  JOB_STATE_SUCCEEDED: 'completed',
  JOB_STATE_FAILED: 'failed',
  JOB_STATE_CANCELLING: 'cancelling',
  JOB_STATE_CANCELLED: 'cancelled',
  JOB_STATE_EXPIRED: 'expired',
};

function seconds(value: string | undefined): number | undefined {
  const ms = value ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function count(value: unknown): number {
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : 0;
}

/**
 * A Gemini batch (as the SDK returns it) as a {@link Job}: its `batches/…` name is the id, its state the status,
 * its responses file the output file, its `batchStats` (which the SDK leaves out: see geminiClient) the counts.
 */
export function jobFromGeminiBatch(batch: BatchJob, profile: string, stats: Record<string, unknown> = {}): Job {
  const status = STATUS_BY_STATE[batch.state ?? ''] ?? 'in_progress';
  const job: Job = {
    id: batch.name ?? '',
    profile,
    endpoint: GEMINI_ENDPOINT,
    status,
    requestCounts: { total: count(stats.requestCount), completed: count(stats.successfulRequestCount), failed: count(stats.failedRequestCount) },
    createdAt: seconds(batch.createTime) ?? Math.floor(Date.now() / 1000),
  };
  if (batch.model) job.model = batch.model.replace(/^models\//, '');
  const endedAt = seconds(batch.endTime);
  if (endedAt !== undefined) {
    if (status === 'completed') job.completedAt = endedAt;
    else if (status === 'failed') job.failedAt = endedAt;
    else if (status === 'cancelled') job.cancelledAt = endedAt;
    else if (status === 'expired') job.expiredAt = endedAt;
  }
  if (batch.dest?.fileName) job.outputFileId = batch.dest.fileName;
  if (batch.error?.message) job.errors = [{ code: String(batch.error.code ?? 'error'), message: batch.error.message }];
  const metadata = metadataFromDisplayName(batch.displayName);
  if (metadata) applySubmissionMetadata(job, metadata);
  return job;
}
