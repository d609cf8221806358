import type { Job } from './job';

/** What a user wants to know about a running job, derived from its `request_counts` over time. */
export interface JobProgress {
  done: number;
  total: number;
  failed: number;
  /** Requests finished per minute, when there is enough history to say. */
  requestsPerMinute?: number;
  /** Seconds until every request is done at the current pace. */
  etaSeconds?: number;
}

interface Sample {
  atMs: number;
  done: number;
}

const MAX_SAMPLES = 20;

/**
 * Keeps recent `request_counts` samples per job (in memory: they are cheap to rebuild) and turns them
 * into throughput and ETA. With one sample it falls back to the pace since `in_progress_at`.
 */
export class JobProgressTracker {
  private readonly samples = new Map<string, Sample[]>();

  record(key: string, job: Job, atMs: number): void {
    const done = job.requestCounts.completed + job.requestCounts.failed;
    const history = this.samples.get(key) ?? [];
    const last = history[history.length - 1];
    if (last && last.done === done && history.length > 1) {
      // Keep the oldest sample of a plateau so the pace reflects the stall.
      history[history.length - 1] = { atMs, done };
    } else {
      history.push({ atMs, done });
    }
    if (history.length > MAX_SAMPLES) history.shift();
    this.samples.set(key, history);
  }

  forget(key: string): void {
    this.samples.delete(key);
  }

  progress(key: string, job: Job, nowMs: number): JobProgress {
    const { total, completed, failed } = job.requestCounts;
    const done = completed + failed;
    const progress: JobProgress = { done, total, failed };
    const perMs = this.paceFromSamples(key) ?? paceSinceStart(job, done, nowMs);
    if (perMs !== undefined && perMs > 0) {
      progress.requestsPerMinute = perMs * 60_000;
      if (total > done) progress.etaSeconds = Math.round((total - done) / perMs / 1000);
    }
    return progress;
  }

  private paceFromSamples(key: string): number | undefined {
    const history = this.samples.get(key);
    if (!history || history.length < 2) return undefined;
    const first = history[0];
    const last = history[history.length - 1];
    const elapsed = last.atMs - first.atMs;
    return elapsed > 0 && last.done > first.done ? (last.done - first.done) / elapsed : undefined;
  }
}

function paceSinceStart(job: Job, done: number, nowMs: number): number | undefined {
  if (!job.inProgressAt || done === 0) return undefined;
  const elapsed = nowMs - job.inProgressAt * 1000;
  return elapsed > 0 ? done / elapsed : undefined;
}
