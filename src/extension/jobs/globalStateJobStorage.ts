import type * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import type { JobStorage } from '../../core/jobs/jobStore';

const KEY = 'batchStudio.jobs';

/** Keeps the job records in the extension's global state, so they survive reloads and restarts. */
export class GlobalStateJobStorage implements JobStorage {
  constructor(private readonly state: vscode.Memento) {}

  read(): Job[] | undefined {
    const value = this.state.get<unknown>(KEY);
    return Array.isArray(value) ? (value as Job[]) : undefined;
  }

  async update(edit: (latest: Job[]) => Job[] | undefined): Promise<Job[]> {
    const latest = this.read() ?? [];
    const next = edit(latest);
    if (!next) return latest;
    await this.state.update(KEY, next);
    return next;
  }
}
