import type { Job } from './job';

/** What a user wants to know about a running job, derived from its `request_counts` over time. */
export interface JobProgress {
  done: number;
  total: number;
  failed: number;
  /**
   * Where a progress bar stands now: it moves from the previous count to the latest one over the time the
   * last poll took, so it advances between polls without ever passing the latest count it was told.
   */
  shownDone: number;
  /** Requests remain but too little history says how fast they go: show "estimating…", not a guess. */
  estimating: boolean;
  /** Requests finished per minute, once there is enough history to say. */
  requestsPerMinute?: number;
  /** Seconds until every request is done at the current pace, counted down between polls; at least 1 while requests remain. */
  etaSeconds?: number;
}

interface Sample {
  atMs: number;
  done: number;
}

/** The bar's way from the previous count to the latest one. */
interface BarMove {
  from: number;
  to: number;
  startMs: number;
  durationMs: number;
}

const MAX_SAMPLES = 20;
/** A pace is only trusted over this much time… */
const MIN_PACE_SPAN_MS = 10_000;
/** …and this many finished requests: one request after a second said "ETA 1 s" for a 9-request batch. */
const MIN_PACE_REQUESTS = 3;
/** The bar takes as long as the last poll interval to reach a new count, within these bounds. */
const MIN_BAR_MOVE_MS = 1_000;
const MAX_BAR_MOVE_MS = 60_000;

/**
 * Keeps recent `request_counts` samples per job (in memory: they are cheap to rebuild) and turns them
 * into throughput, ETA and where a progress bar stands. With one sample it falls back to the pace since
 * `in_progress_at`, if that covers enough time and requests.
 */
export class JobProgressTracker {
  private readonly samples = new Map<string, Sample[]>();
  private readonly bars = new Map<string, BarMove>();

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
    this.moveBar(key, done, atMs);
  }

  forget(key: string): void {
    this.samples.delete(key);
    this.bars.delete(key);
  }

  progress(key: string, job: Job, nowMs: number): JobProgress {
    const { total, completed, failed } = job.requestCounts;
    const done = completed + failed;
    const remaining = Math.max(0, total - done);
    const progress: JobProgress = { done, total, failed, shownDone: this.barAt(key, done, nowMs), estimating: remaining > 0 };
    const pace = this.paceFromSamples(key) ?? paceSinceStart(job, done, nowMs);
    if (pace) {
      progress.requestsPerMinute = pace.perMs * 60_000;
      if (remaining > 0) {
        progress.estimating = false;
        const sinceMeasured = Math.max(0, nowMs - pace.measuredAtMs) / 1000;
        progress.etaSeconds = Math.max(1, Math.round(remaining / pace.perMs / 1000 - sinceMeasured));
      }
    }
    return progress;
  }

  private moveBar(key: string, done: number, atMs: number): void {
    const bar = this.bars.get(key);
    if (!bar || done < bar.to) {
      this.bars.set(key, { from: done, to: done, startMs: atMs, durationMs: MIN_BAR_MOVE_MS });
      return;
    }
    if (done === bar.to) return;
    const durationMs = Math.min(MAX_BAR_MOVE_MS, Math.max(MIN_BAR_MOVE_MS, atMs - bar.startMs));
    this.bars.set(key, { from: this.barAt(key, bar.to, atMs), to: done, startMs: atMs, durationMs });
  }

  private barAt(key: string, done: number, nowMs: number): number {
    const bar = this.bars.get(key);
    if (!bar || bar.to !== done) return done;
    const share = Math.min(1, Math.max(0, (nowMs - bar.startMs) / bar.durationMs));
    return bar.from + (bar.to - bar.from) * share;
  }

  private paceFromSamples(key: string): Pace | undefined {
    const history = this.samples.get(key);
    if (!history || history.length < 2) return undefined;
    const first = history[0];
    const last = history[history.length - 1];
    return trustedPace(last.done - first.done, last.atMs - first.atMs, last.atMs);
  }
}

interface Pace {
  perMs: number;
  /** When the pace was last measured: the ETA counts down from there. */
  measuredAtMs: number;
}

function trustedPace(requests: number, elapsedMs: number, measuredAtMs: number): Pace | undefined {
  if (elapsedMs < MIN_PACE_SPAN_MS || requests < MIN_PACE_REQUESTS) return undefined;
  return { perMs: requests / elapsedMs, measuredAtMs };
}

function paceSinceStart(job: Job, done: number, nowMs: number): Pace | undefined {
  if (!job.inProgressAt) return undefined;
  return trustedPace(done, nowMs - job.inProgressAt * 1000, nowMs);
}
