import * as vscode from 'vscode';
import { BatchPoller, type BatchStatusSource, type FocusState } from '../../core/jobs/batchPoller';
import { isTerminalStatus, jobKey, type Job } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { describeProviderError } from '../../core/errors';
import type { JobProgressTracker } from '../../core/jobs/progress';
import type { ProviderAccess } from '../../core/providers/providerAccess';

export interface JobPollersOptions {
  store: JobStore;
  providers: ProviderAccess;
  progress: JobProgressTracker;
  log: vscode.LogOutputChannel;
  minIntervalMs: () => number;
}

/** An active job on a server: a direct run has no batch to poll (its own run reports its progress). */
function isPolled(job: Job): boolean {
  return !job.directRun && !isTerminalStatus(job.status);
}

const windowFocus: FocusState = {
  isFocused: () => vscode.window.state.focused,
  onDidChange: (listener) => vscode.window.onDidChangeWindowState((state) => listener(state.focused)),
};

/**
 * One BatchPoller per profile that has active jobs. New active jobs wake their profile's poller; every
 * refreshed job feeds the progress tracker (throughput and ETA).
 */
export class JobPollers implements vscode.Disposable {
  private readonly pollers = new Map<string, BatchPoller>();
  private readonly subscription: { dispose(): void };
  /**
   * Active jobs already known, so only a job that becomes active wakes its poller: waking on every change
   * would cut the sleep after each poll that moved the counts (the poller's own writes), a busy loop.
   */
  private readonly knownActive = new Set<string>();
  private readonly stoppedForKey = new vscode.EventEmitter<string>();
  /** Fires with a profile whose polling stopped because the provider refused its key (or it has none). */
  readonly onDidStopForKey = this.stoppedForKey.event;

  constructor(private readonly options: JobPollersOptions) {
    for (const job of options.store.all()) if (isPolled(job)) this.knownActive.add(jobKey(job));
    this.subscription = options.store.onDidChange((change) => {
      const now = Date.now();
      for (const job of change.changed) {
        const key = jobKey(job);
        options.progress.record(key, job, now);
        if (!isPolled(job)) this.knownActive.delete(key);
        else if (!this.knownActive.has(key)) {
          this.knownActive.add(key);
          this.wake(job.profile);
        }
      }
      for (const job of change.removed) {
        options.progress.forget(jobKey(job));
        this.knownActive.delete(jobKey(job));
      }
    });
  }

  /** Wakes the poller of every profile with an active job (activation). */
  wakeAll(): void {
    for (const profile of this.activeProfiles()) this.wake(profile);
  }

  /** A user asked (Refresh, a key stored): every profile with an active job polls now, focused or not. */
  pollNow(): void {
    for (const profile of this.activeProfiles()) this.poller(profile).pollNow();
  }

  private activeProfiles(): Set<string> {
    return new Set(this.options.store.all().filter(isPolled).map((job) => job.profile));
  }

  /**
   * Polls the profile now. Every wake is a user's action (Refresh, Cancel, a stored key) or a job that just
   * became active (a submit that got through): a poller stopped by a refused key tries again.
   */
  wake(profile: string): void {
    this.poller(profile).resumeAfterAuth();
  }

  /** The poll interval setting changed: every loop uses the new floor from its next wait on. */
  setMinIntervalMs(ms: number): void {
    for (const poller of this.pollers.values()) poller.setMinIntervalMs(ms);
  }

  dispose(): void {
    this.subscription.dispose();
    this.stoppedForKey.dispose();
    for (const poller of this.pollers.values()) poller.dispose();
    this.pollers.clear();
  }

  private poller(profile: string): BatchPoller {
    let poller = this.pollers.get(profile);
    if (!poller) {
      const { providers, log } = this.options;
      const source: BatchStatusSource = {
        listBatches: async (page) => {
          const provider = await providers.provider(profile);
          if (!provider.capabilities.listsServerBatches) return { jobs: [], hasMore: false };
          return provider.listBatches(page);
        },
        retrieveBatch: async (id) => {
          return (await providers.provider(profile)).retrieveBatch(id);
        },
      };
      poller = new BatchPoller({
        profile,
        source,
        store: this.options.store,
        focus: windowFocus,
        minIntervalMs: this.options.minIntervalMs(),
        onAuthFailure: (error) => {
          log.warn(`Polling ${profile} stopped until a key is set: ${describeProviderError('poll', error, { profileName: profile }).logDetail}`);
          this.stoppedForKey.fire(profile);
        },
        onError: (error) => log.warn(`Polling ${profile} failed, will retry: ${describeProviderError('poll', error, { profileName: profile }).logDetail}`),
      });
      this.pollers.set(profile, poller);
    }
    return poller;
  }
}
