import type { Job, JobStatus } from '../jobs/job';
import { ANTHROPIC_ENDPOINT } from '../dialects/anthropic/rules';

type Fields = Record<string, unknown>;

function seconds(value: unknown): number | undefined {
  const ms = typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : undefined;
}

function count(counts: Fields, key: string): number {
  const value = counts[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/**
 * An Anthropic Message Batch as a {@link Job}: `processing_status` in_progress / canceling / ended becomes the
 * Job's status (an ended batch is `cancelled` when a cancel was asked, `expired` when every request expired,
 * else `completed`); succeeded requests are `completed`, errored, canceled and expired ones `failed`. The
 * results are one file whose id is the batch's (read through `results_url`). ISO timestamps become seconds.
 */
export function jobFromMessageBatch(batch: unknown, profile: string): Job {
  const fields = (batch ?? {}) as Fields;
  const counts = (fields.request_counts ?? {}) as Fields;
  const succeeded = count(counts, 'succeeded');
  const failed = count(counts, 'errored') + count(counts, 'canceled') + count(counts, 'expired');
  const total = succeeded + failed + count(counts, 'processing');
  const cancelledAt = seconds(fields.cancel_initiated_at);
  const endedAt = seconds(fields.ended_at);
  let status: JobStatus = 'in_progress';
  if (fields.processing_status === 'canceling') status = 'cancelling';
  else if (fields.processing_status === 'ended') {
    status = cancelledAt !== undefined ? 'cancelled' : total > 0 && count(counts, 'expired') === total ? 'expired' : 'completed';
  }
  const job: Job = {
    id: String(fields.id ?? ''),
    profile,
    endpoint: ANTHROPIC_ENDPOINT,
    status,
    requestCounts: { total, completed: succeeded, failed },
    createdAt: seconds(fields.created_at) ?? Math.floor(Date.now() / 1000),
  };
  const expiresAt = seconds(fields.expires_at);
  if (expiresAt !== undefined) job.expiresAt = expiresAt;
  if (cancelledAt !== undefined) job.cancellingAt = cancelledAt;
  if (endedAt !== undefined) {
    if (status === 'cancelled') job.cancelledAt = endedAt;
    else if (status === 'expired') job.expiredAt = endedAt;
    else job.completedAt = endedAt;
  }
  if (typeof fields.results_url === 'string' && fields.results_url) job.outputFileId = job.id;
  return job;
}
