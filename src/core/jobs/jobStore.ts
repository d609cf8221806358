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
 * The jobs this machine knows about. Every change is written to storage before it is announced, so a
 * listener never shows a job that a crash could lose. Writes are serialised: one at a time, in order.
 */
export class JobStore {
  private readonly jobs = new Map<string, Job>();
  private readonly events = new EventEmitter();
  private pendingWrite: Promise<void> = Promise.resolve();

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
  async upsert(...jobs: Job[]): Promise<void> {
    const changed = jobs.filter((job) => !sameRecord(this.jobs.get(jobKey(job)), job));
    if (changed.length === 0) return;
    for (const job of changed) this.jobs.set(jobKey(job), job);
    await this.persistThenAnnounce({ changed, removed: [] });
  }

  async remove(...jobs: Pick<Job, 'profile' | 'id'>[]): Promise<void> {
    const removed: Job[] = [];
    for (const job of jobs) {
      const existing = this.jobs.get(jobKey(job));
      if (existing && this.jobs.delete(jobKey(job))) removed.push(existing);
    }
    if (removed.length > 0) await this.persistThenAnnounce({ changed: [], removed });
  }

  onDidChange(listener: (change: JobStoreChange) => void): { dispose(): void } {
    this.events.on('change', listener);
    return { dispose: () => this.events.off('change', listener) };
  }

  private persistThenAnnounce(change: JobStoreChange): Promise<void> {
    const snapshot = [...this.jobs.values()];
    const write = this.pendingWrite.then(() => this.storage.write(snapshot));
    this.pendingWrite = write.catch(() => undefined);
    return write.then(() => {
      this.events.emit('change', change);
    });
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
