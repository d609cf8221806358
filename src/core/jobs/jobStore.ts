import { EventEmitter } from 'node:events';
import { type Job, jobKey } from './job';

/** Where the store keeps its records; the extension adapts `globalState`, the CLI a locked file, tests use memory. */
export interface JobStorage {
  read(): Job[] | undefined;
  /**
   * Applies `edit` to the latest stored records (which another process may have changed) and persists its
   * answer, as one step no other writer can interleave with; `undefined` leaves them as they are.
   * Resolves to the records now stored.
   */
  update(edit: (latest: Job[]) => Job[] | undefined): Promise<Job[]>;
}

export interface JobStoreChange {
  /** Jobs added or updated, after the write that persisted them. */
  changed: Job[];
  removed: Job[];
}

/**
 * The jobs this machine knows about. A change becomes visible (to `all`, `get` and listeners) only once
 * storage has it, so nothing is shown that a crash could lose, and a failed write changes nothing.
 * Changes are applied one at a time, in order.
 */
export class JobStore {
  private jobs = new Map<string, Job>();
  private readonly events = new EventEmitter();
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly storage: JobStorage) {
    for (const job of storage.read() ?? []) this.jobs.set(jobKey(job), job);
  }

  /** Newest first. */
  all(): Job[] {
    return [...this.jobs.values()].sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
  }

  get(profile: string, id: string): Job | undefined {
    return this.jobs.get(jobKey({ profile, id }));
  }

  /** Adds or replaces jobs; resolves once they are persisted and announced. Unchanged records are skipped. */
  upsert(...jobs: Job[]): Promise<void> {
    return this.apply((current) => {
      const changed = jobs.filter((job) => !sameRecord(current.get(jobKey(job)), job));
      for (const job of changed) current.set(jobKey(job), job);
      return { changed, removed: [] };
    });
  }

  /**
   * Replaces jobs the store still holds and skips the others: for answers that were in flight while the
   * user removed the job (a poll must not bring it back).
   */
  update(...jobs: Job[]): Promise<void> {
    return this.apply((current) => {
      const changed = jobs.filter((job) => current.has(jobKey(job)) && !sameRecord(current.get(jobKey(job)), job));
      for (const job of changed) current.set(jobKey(job), job);
      return { changed, removed: [] };
    });
  }

  remove(...jobs: Pick<Job, 'profile' | 'id'>[]): Promise<void> {
    return this.apply((current) => {
      const removed: Job[] = [];
      for (const job of jobs) {
        const existing = current.get(jobKey(job));
        if (existing && current.delete(jobKey(job))) removed.push(existing);
      }
      return { changed: [], removed };
    });
  }

  onDidChange(listener: (change: JobStoreChange) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  /**
   * Runs `edit` on the latest stored state (after earlier changes, and another process's), persists the
   * result, then adopts and announces it.
   */
  private apply(edit: (current: Map<string, Job>) => JobStoreChange): Promise<void> {
    const run = this.queue.then(async () => {
      let change: JobStoreChange = { changed: [], removed: [] };
      const stored = await this.storage.update((latest) => {
        const next = new Map(latest.map((job) => [jobKey(job), job] as const));
        change = edit(next);
        return change.changed.length === 0 && change.removed.length === 0 ? undefined : [...next.values()];
      });
      this.jobs = new Map(stored.map((job) => [jobKey(job), job] as const));
      if (change.changed.length > 0 || change.removed.length > 0) this.events.emit('change', change);
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

function sameRecord(a: Job | undefined, b: Job): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/** A storage that keeps records in memory (tests, the CLI). */
export class MemoryJobStorage implements JobStorage {
  constructor(private jobs: Job[] = []) {}

  read(): Job[] {
    return this.jobs;
  }

  async update(edit: (latest: Job[]) => Job[] | undefined): Promise<Job[]> {
    const next = edit(this.jobs);
    if (next) this.jobs = structuredClone(next);
    return this.jobs;
  }
}
