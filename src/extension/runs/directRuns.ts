import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTerminalStatus, jobKey, type Job } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { describeProviderError } from '../../core/errors';
import type { Profile } from '../../core/providers';
import { redactingLog, rememberSecret } from '../../core/providers/redaction';
import { createRunClient, DirectRun, directRunJob, directRunJobId, type DirectRunJobFields, type RunProgress } from '../../core/runner';
import type { ApiKeys } from '../profiles/apiKeys';
import { toProviderLog } from '../profiles/profileProviders';

/** A run this window is sending. */
interface LiveRun {
  run: DirectRun;
  fields: DirectRunJobFields;
  apiKey?: string;
  /** Resolves when the run has ended and its last record is stored (undefined: it never started). */
  done: Promise<Job | undefined>;
}

/** The Jobs view repaints counts on its own timer; the stored record (globalState) follows at most this often. */
const STORE_EVERY_MS = 1_000;

/**
 * The direct runs of this window: each a {@link DirectRun} (src/core/runner) sending an input file's requests
 * from this machine, shown as a job in the Jobs view. The job record is stored when the run starts, when its
 * status changes and at most once a second in between; the live progress (state, rates, ETA) is read from
 * the run itself. Pause, Resume and Cancel act on the run; Resume of a stopped run starts it again on the
 * same input, and the run's journal sends only what is still unanswered.
 */
export class DirectRuns implements vscode.Disposable {
  private readonly live = new Map<string, LiveRun>();
  private readonly changeEmitter = new vscode.EventEmitter<Job>();
  /** Fires with a job whose live progress moved (the tree redraws its row). */
  readonly onDidChangeProgress = this.changeEmitter.event;
  private readonly subscription: { dispose(): void };
  private disposed = false;

  constructor(
    private readonly store: JobStore,
    private readonly keys: ApiKeys,
    private readonly log: vscode.LogOutputChannel,
  ) {
    // A run whose job the user removed from the list stops: nothing would show it any more.
    this.subscription = store.onDidChange((change) => {
      for (const job of change.removed) this.live.get(jobKey(job))?.run.cancel();
    });
  }

  /** The live progress of a run this window is sending, if it is one. */
  progress(job: Pick<Job, 'profile' | 'id'>): RunProgress | undefined {
    return this.live.get(jobKey(job))?.run.progress();
  }

  /** The run of `inputPath` this window is sending, on any profile (one journal per input: one run at a time). */
  runningFor(inputPath: string): Job | undefined {
    const id = directRunJobId(inputPath);
    const found = [...this.live.values()].find((live) => directRunJobId(live.fields.inputPath) === id);
    return found && this.store.get(found.fields.profile, id);
  }

  /**
   * Starts a run of `inputPath` on a direct profile and resolves with its job once stored; the run goes on
   * in the background. Rejects (with `MissingApiKeyError`) when the profile needs a key and has none.
   */
  async start(profile: Profile, fields: Omit<DirectRunJobFields, 'profile'>): Promise<Job> {
    const running = this.runningFor(fields.inputPath);
    if (running) return running;
    const { apiKey } = await this.keys.resolve(profile);
    rememberSecret(apiKey);
    const run = new DirectRun({
      inputPath: fields.inputPath,
      ...createRunClient(profile, apiKey, { log: redactingLog(toProviderLog(this.log)) }),
      concurrency: profile.concurrency,
      rpm: profile.rpm,
      tpm: profile.tpm,
      maxAttempts: profile.maxAttempts,
      timeoutSeconds: profile.timeoutSeconds,
      secrets: [apiKey],
      schedule: profile.schedule,
    });
    const runFields: DirectRunJobFields = { ...fields, profile: profile.name };
    const key = jobKey({ profile: profile.name, id: directRunJobId(fields.inputPath) });
    const first = this.record(run, runFields);
    const live: LiveRun = {
      run,
      fields: runFields,
      apiKey,
      done: first.then(
        () => this.follow(live, key),
        () => (this.live.delete(key), undefined),
      ),
    };
    this.live.set(key, live);
    this.log.info(`Direct run of ${fields.inputPath} on "${profile.name}" started`);
    return first;
  }

  pause(job: Job): void {
    this.live.get(jobKey(job))?.run.pause();
  }

  /** Resumes a paused run, or starts a stopped one again (its journal skips what was answered). */
  async resume(job: Job, profile: Profile | undefined): Promise<Job | undefined> {
    const live = this.live.get(jobKey(job));
    if (live) {
      live.run.resume();
      return this.store.get(job.profile, job.id);
    }
    if (!job.sourceFile) return undefined;
    if (!profile) throw new Error(`The profile "${job.profile}" of this run is no longer in batchStudio.profiles; add it again, or run the file on another direct profile.`);
    return this.start(profile, { inputPath: job.sourceFile, endpoint: job.endpoint, ...(job.model ? { model: job.model } : {}) });
  }

  /** Stops a live run (answers so far stay in the journal); a stored run not live here is marked cancelled. */
  async cancel(job: Job): Promise<void> {
    const live = this.live.get(jobKey(job));
    if (live) {
      live.run.cancel();
      await live.done;
      return;
    }
    if (!isTerminalStatus(job.status)) await this.store.update({ ...job, status: 'cancelled', cancelledAt: Math.floor(Date.now() / 1000) });
  }

  /** Resolves when the live run of `job` (if any) has ended and its final record is stored. */
  whenDone(job: Pick<Job, 'profile' | 'id'>): Promise<Job | undefined> {
    return this.live.get(jobKey(job))?.done ?? Promise.resolve(undefined);
  }

  dispose(): void {
    this.disposed = true;
    this.subscription.dispose();
    // Deactivation (a reload, a closed window): stop sending; the journal keeps every answer, and the
    // stored record stays in progress, so the next window offers to resume.
    for (const live of this.live.values()) live.run.cancel();
    this.changeEmitter.dispose();
  }

  /** Stores the job as the run stands now. */
  private async record(run: DirectRun, fields: DirectRunJobFields): Promise<Job> {
    const previous = this.store.get(fields.profile, directRunJobId(fields.inputPath));
    const job = directRunJob(fields, run.progress(), Date.now(), previous);
    await this.store.upsert(job);
    return this.store.get(job.profile, job.id) ?? job;
  }

  private async follow(live: LiveRun, key: string): Promise<Job | undefined> {
    let storedState = live.run.progress().state;
    let lastStoredAt = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const write = () => {
      lastStoredAt = Date.now();
      writing = writing.then(() => this.record(live.run, live.fields)).catch((error: unknown) => this.log.warn(`Could not store the progress of ${live.fields.inputPath}: ${describeProviderError('run', error).logDetail}`));
    };
    const subscription = live.run.onProgress((progress) => {
      if (progress.state !== storedState) {
        // Paused and resumed are the same stored status: the row is told directly.
        const job = this.store.get(live.fields.profile, directRunJobId(live.fields.inputPath));
        if (job) this.changeEmitter.fire(job);
      }
      if (progress.state !== storedState || Date.now() - lastStoredAt >= STORE_EVERY_MS) {
        storedState = progress.state;
        write();
      }
    });
    try {
      const summary = await live.run.run();
      this.log.info(
        `Direct run of ${path.basename(live.fields.inputPath)} ${summary.state}: ${summary.succeeded} succeeded, ${summary.failed} failed of ${summary.total} ` +
          `(${summary.skippedAlreadyDone} answered before, ${summary.resent} sent again, ${summary.rateLimited} rate limited)`,
      );
    } catch (error) {
      const described = describeProviderError('run', error, { profileName: live.fields.profile, secrets: [live.apiKey] });
      this.log.error(`Direct run of ${live.fields.inputPath} failed: ${described.logDetail}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The run of {0} stopped: {1}', path.basename(live.fields.inputPath), described.message));
    } finally {
      subscription.dispose();
    }
    await writing;
    this.live.delete(key);
    // Stopped by the window closing: the record stays in progress, so the next window offers to resume.
    if (this.disposed) return undefined;
    // A run that failed to start (an unreadable journal) still ends: its record must not stay "in progress".
    const progress = live.run.progress();
    const ended = progress.state === 'completed' || progress.state === 'cancelled' ? progress : { ...progress, state: 'cancelled' as const };
    const previous = this.store.get(live.fields.profile, directRunJobId(live.fields.inputPath));
    const job = directRunJob(live.fields, ended, Date.now(), previous);
    await this.store.update(job);
    this.changeEmitter.fire(job);
    return job;
  }
}
