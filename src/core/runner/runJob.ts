import { createHash } from 'node:crypto';
import path from 'node:path';
import type { Job, JobStatus } from '../jobs/job';
import type { RunProgress, RunState } from './directRun';

/**
 * The id of a direct run's job: one per input file (its journal is per input too), so running the file again
 * after Cancel or a reload carries on the same job instead of adding a row.
 */
export function directRunJobId(inputPath: string): string {
  return `run_${createHash('sha256').update(path.resolve(inputPath)).digest('hex').slice(0, 24)}`;
}

const STATUS_OF_STATE: Record<RunState, JobStatus> = {
  planning: 'in_progress',
  sending: 'in_progress',
  'rate-limited': 'in_progress',
  'scheduled-pause': 'in_progress',
  paused: 'in_progress',
  cancelling: 'cancelling',
  completed: 'completed',
  cancelled: 'cancelled',
};

export interface DirectRunJobFields {
  profile: string;
  inputPath: string;
  endpoint: string;
  model?: string;
}

/** The Jobs view's record of a direct run, from its progress (counts, status, the times each status began). */
export function directRunJob(fields: DirectRunJobFields, progress: RunProgress, nowMs: number, previous?: Job): Job {
  const now = Math.floor(nowMs / 1000);
  const status = STATUS_OF_STATE[progress.state];
  const job: Job = {
    id: directRunJobId(fields.inputPath),
    profile: fields.profile,
    endpoint: fields.endpoint,
    ...(fields.model ? { model: fields.model } : {}),
    status,
    requestCounts: { total: progress.total, completed: progress.succeeded, failed: progress.failed },
    createdAt: previous?.createdAt ?? now,
    sourceFile: path.resolve(fields.inputPath),
    directRun: true,
    // A run carried on after Cancel or a reload is in progress again: its earlier end no longer holds.
    inProgressAt: previous && previous.status === 'in_progress' && previous.inProgressAt !== undefined ? previous.inProgressAt : now,
  };
  if (status === 'cancelling') job.cancellingAt = previous?.cancellingAt ?? now;
  if (status === 'cancelled') job.cancelledAt = now;
  if (status === 'completed') job.completedAt = now;
  return job;
}

/** A run that stopped before every request was answered, so Resume has work left. */
export function isResumableRun(job: Job): boolean {
  return job.directRun === true && job.requestCounts.completed + job.requestCounts.failed < job.requestCounts.total;
}
