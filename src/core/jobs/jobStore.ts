import { EventEmitter } from 'node:events';
import { type Job, jobKey } from './job';

/** Where the store keeps its records; the extension adapts `globalState`, tests use memory. */
export interface JobStorage {
  read(): Job[] | undefined;
  write(jobs: Job[]): Promise<void>;
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

  /** Runs `edit` on a copy of the state after earlier changes, persists the copy, then adopts and announces it. */
  private apply(edit: (current: Map<string, Job>) => JobStoreChange): Promise<void> {
    const run = this.queue.then(async () => {
      const next = new Map(this.jobs);
      const change = edit(next);
      if (change.changed.length === 0 && change.removed.length === 0) return;
      await this.storage.write([...next.values()]);
      this.jobs = next;
      this.events.emit('change', change);
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

  async write(jobs: Job[]): Promise<void> {
    this.jobs = structuredClone(jobs);
  }
}
