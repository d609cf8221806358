import type { Job } from '../jobs/job';
import type { JobStore } from '../jobs/jobStore';
import type { BatchProvider } from '../providers/batchProvider';

/** Batches in these states ran their course without results worth keeping: submitting again is fine. */
const SPENT_STATUSES: ReadonlySet<Job['status']> = new Set(['failed', 'cancelled', 'expired']);

/** How far back the provider's list is read (pages of 100, newest first). */
const RECENT_PAGES = 3;

export interface SubmissionIdentity {
  /** SHA-256 of the whole file the user submits. */
  sha256: string;
  endpoint: string;
}

/** The file's content was submitted as this job, or as a part of a split group made from it. */
export function isSameSubmission(job: Job, identity: SubmissionIdentity): boolean {
  return (job.sha256 === identity.sha256 || job.metadata?.source_sha256 === identity.sha256) && job.endpoint === identity.endpoint;
}

export function isLive(job: Job): boolean {
  return !SPENT_STATUSES.has(job.status);
}

/**
 * A live job (not failed, cancelled or expired) that already carries this content, or undefined. Asks the
 * provider itself first (recent batches whose `metadata.sha256` matches), so the check holds across
 * machines, reinstalls and the CLI; then this machine's JobStore, refreshing a stored job's status from the
 * provider when it can (a stale "in progress" may have expired since).
 */
export async function findLiveSubmission(provider: BatchProvider, jobStore: JobStore, identity: SubmissionIdentity, signal?: AbortSignal): Promise<Job | undefined> {
  // A provider whose batches keep no metadata (Anthropic's) cannot say which batch holds this content.
  const fromProvider = provider.capabilities.keepsSubmissionMetadata
    ? await findInRecentBatches(provider, (job) => isSameSubmission(job, identity) && isLive(job), signal)
    : undefined;
  if (fromProvider) return fromProvider;
  const stored = jobStore.all().filter((job) => job.profile === provider.profile.name && isSameSubmission(job, identity) && isLive(job));
  for (const job of stored) {
    const current = await provider.retrieveBatch(job.id, { signal }).catch(() => job);
    if (isLive(current)) return current;
  }
  return undefined;
}

/** The first of the provider's recent batches (newest first) that `matches`. */
export async function findInRecentBatches(provider: BatchProvider, matches: (job: Job) => boolean, signal?: AbortSignal): Promise<Job | undefined> {
  let after: string | undefined;
  for (let page = 0; page < RECENT_PAGES; page++) {
    const { jobs, hasMore, nextAfter } = await provider.listBatches({ after, limit: 100, signal });
    const found = jobs.find(matches);
    if (found) return found;
    if (!hasMore || !nextAfter) return undefined;
    after = nextAfter;
  }
  return undefined;
}
