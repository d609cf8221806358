import { type Job, isTerminalStatus } from './job';
import type { JobStore } from './jobStore';
import { classifyPollError } from './pollErrors';

/** The provider calls the poller needs: a paged list where the provider has one, else retrieve. */
export interface BatchStatusSource {
  /** One page of the profile's batches, newest first (OpenAI: `GET /batches?limit&after`). */
  listBatches?(page: { after?: string; limit: number }): Promise<{ jobs: Job[]; hasMore: boolean }>;
  retrieveBatch(id: string): Promise<Job>;
}

/** Time, injectable so tests run the loop with a fake clock. */
export interface PollClock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

/** Whether the user is looking: the extension adapts `window.state.focused`. */
export interface FocusState {
  isFocused(): boolean;
  onDidChange(listener: (focused: boolean) => void): { dispose(): void };
}

export interface BatchPollerOptions {
  profile: string;
  source: BatchStatusSource;
  store: JobStore;
  clock?: PollClock;
  focus?: FocusState;
  /** The shortest wait between two cycles (`batchStudio.pollIntervalSeconds`). */
  minIntervalMs: number;
  /** The longest wait between two cycles, however old the jobs. */
  maxIntervalMs?: number;
  /** The provider refused the key: the loop has stopped until `resumeAfterAuth()`. */
  onAuthFailure?(error: unknown): void;
  /** A cycle failed for another reason; the loop backs off and goes on. */
  onError?(error: unknown): void;
}

/** The list endpoint's largest page. */
export const LIST_PAGE_SIZE = 100;
/** Jobs not found in the listed pages are retrieved one by one, at most this many a cycle. */
const MAX_RETRIEVES_PER_CYCLE = 10;
const DEFAULT_MAX_INTERVAL_MS = 120_000;

export const systemClock: PollClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done, { once: true });
    }),
};

/**
 * One status loop per profile, after VS Code's git autofetch: it awaits each request before it sleeps,
 * so two requests for the profile are never in flight; it refreshes many jobs with one list call; it
 * polls often right after a submit and backs off as jobs age; it pauses while the window is unfocused,
 * honours 429 `Retry-After`, stops on 401 until the key is fixed, and stops when nothing is active.
 */
export class BatchPoller {
  private readonly clock: PollClock;
  private minIntervalMs: number;
  private maxIntervalMs: number;
  private running = false;
  private disposed = false;
  private authFailed = false;
  private wakeRequested = false;
  /** A user asked for a poll (Refresh, a stored key): the next one does not wait for the window's focus. */
  private pollRequested = false;
  private sleepAbort = new AbortController();
  private consecutiveErrors = 0;
  private retryAfterMs = 0;
  private loopDone: Promise<void> = Promise.resolve();

  constructor(private readonly options: BatchPollerOptions) {
    this.clock = options.clock ?? systemClock;
    this.minIntervalMs = options.minIntervalMs;
    this.maxIntervalMs = Math.max(options.minIntervalMs, options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
  }

  /** A new floor between two polls (the setting changed): applies now, cutting the current wait short. */
  setMinIntervalMs(ms: number): void {
    this.minIntervalMs = ms;
    this.maxIntervalMs = Math.max(ms, this.options.maxIntervalMs ?? DEFAULT_MAX_INTERVAL_MS);
    if (this.running) this.wake();
  }

  /** Whether the loop is running (it stops by itself when no job of the profile is active). */
  get isRunning(): boolean {
    return this.running;
  }

  /** Starts the loop, or cuts its current wait short: call after a submit and on activation. */
  wake(): void {
    if (this.disposed || this.authFailed) return;
    this.wakeRequested = true;
    if (this.running) {
      this.sleepAbort.abort();
      return;
    }
    this.running = true;
    this.loopDone = this.loop().finally(() => {
      this.running = false;
      // A wake that came while the loop was on its way out (a Refresh right after a refused key) is not lost.
      if (this.wakeRequested) this.wake();
    });
  }

  /** After the user set a new key: poll again. */
  resumeAfterAuth(): void {
    this.authFailed = false;
    this.wake();
  }

  /** A user asked (Refresh, a key stored): poll at once, focused or not, also after a refused key. */
  pollNow(): void {
    this.authFailed = false;
    this.pollRequested = true;
    this.wake();
  }

  /** Resolves when the current loop has stopped (tests, shutdown). */
  whenStopped(): Promise<void> {
    return this.loopDone;
  }

  dispose(): void {
    this.disposed = true;
    this.sleepAbort.abort();
  }

  private activeJobs(): Job[] {
    return this.options.store.all().filter((job) => job.profile === this.options.profile && !isTerminalStatus(job.status));
  }

  private async loop(): Promise<void> {
    while (!this.disposed && !this.authFailed) {
      this.wakeRequested = false;
      const requested = this.pollRequested;
      this.pollRequested = false;
      const active = this.activeJobs();
      if (active.length === 0) return;
      if (!requested && !(await this.waitForFocus())) return;
      try {
        await this.refresh(active);
        this.consecutiveErrors = 0;
        this.retryAfterMs = 0;
      } catch (error) {
        if (this.disposed) return;
        this.handleFailure(error);
        if (this.authFailed) return;
      }
      if (this.activeJobs().length === 0) return;
      if (this.wakeRequested && this.retryAfterMs === 0) continue;
      this.sleepAbort = new AbortController();
      await this.clock.sleep(this.nextIntervalMs(), this.sleepAbort.signal);
    }
  }

  private handleFailure(error: unknown): void {
    const failure = classifyPollError(error);
    if (failure.kind === 'auth') {
      this.authFailed = true;
      this.options.onAuthFailure?.(error);
      return;
    }
    this.consecutiveErrors++;
    this.retryAfterMs = failure.kind === 'rateLimited' ? (failure.retryAfterMs ?? 0) : 0;
    this.options.onError?.(error);
  }

  /** Polls often for young jobs, backs off as they age, and further after consecutive errors. */
  private nextIntervalMs(): number {
    const now = this.clock.now();
    const youngestAgeMs = Math.min(...this.activeJobs().map((job) => now - job.createdAt * 1000));
    let interval = clamp(youngestAgeMs / 20, this.minIntervalMs, this.maxIntervalMs);
    if (this.consecutiveErrors > 0) {
      interval = Math.min(this.maxIntervalMs, interval * 2 ** Math.min(this.consecutiveErrors, 6));
    }
    return Math.max(interval, this.retryAfterMs);
  }

  /**
   * Resolves true once the window has focus or `wake()` asks for a poll (a submit while unfocused),
   * false if the poller is disposed first.
   */
  private waitForFocus(): Promise<boolean> {
    const focus = this.options.focus;
    if (!focus || focus.isFocused()) return Promise.resolve(true);
    this.sleepAbort = new AbortController();
    const signal = this.sleepAbort.signal;
    return new Promise<boolean>((resolve) => {
      const finish = () => {
        subscription.dispose();
        signal.removeEventListener('abort', finish);
        resolve(!this.disposed);
      };
      const subscription = focus.onDidChange((focused) => {
        if (focused) finish();
      });
      signal.addEventListener('abort', finish, { once: true });
    });
  }

  private async refresh(active: Job[]): Promise<void> {
    const byId = new Map(active.map((job) => [job.id, job]));
    const fresh: Job[] = [];
    const { source } = this.options;
    if (source.listBatches) {
      const oldestCreatedAt = Math.min(...active.map((job) => job.createdAt));
      const maxPages = Math.ceil(active.length / LIST_PAGE_SIZE);
      let after: string | undefined;
      for (let page = 0; page < maxPages && byId.size > 0; page++) {
        const { jobs, hasMore } = await source.listBatches({ after, limit: LIST_PAGE_SIZE });
        for (const remote of jobs) {
          const local = byId.get(remote.id);
          if (local) {
            fresh.push(mergeRemote(local, remote));
            byId.delete(remote.id);
          }
        }
        const last = jobs[jobs.length - 1];
        if (!hasMore || !last || last.createdAt < oldestCreatedAt) break;
        after = last.id;
      }
    }
    const toRetrieve = source.listBatches ? [...byId.values()].slice(0, MAX_RETRIEVES_PER_CYCLE) : [...byId.values()];
    for (const local of toRetrieve) {
      fresh.push(mergeRemote(local, await source.retrieveBatch(local.id)));
    }
    // The requests took time: a job removed from the list meanwhile stays removed.
    await this.options.store.update(...fresh);
  }
}

/** The provider's view of a job, keeping what only this machine knows (profile, source file, group). */
export function mergeRemote(local: Job, remote: Job): Job {
  const merged: Job = { ...local };
  for (const [key, value] of Object.entries(remote) as [keyof Job, unknown][]) {
    if (value !== undefined) (merged as unknown as Record<string, unknown>)[key] = value;
  }
  merged.profile = local.profile;
  if (local.sourceFile) merged.sourceFile = local.sourceFile;
  if (local.groupId) merged.groupId = local.groupId;
  if (local.finishNotified !== undefined) merged.finishNotified = local.finishNotified;
  return merged;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
