import * as vscode from 'vscode';
import { BatchPoller, type BatchStatusSource, type FocusState } from '../../core/jobs/batchPoller';
import { isTerminalStatus, jobKey } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import type { JobProgressTracker } from '../../core/jobs/progress';
import type { ProviderAccess } from './providerAccess';

export interface JobPollersOptions {
  store: JobStore;
  providers: ProviderAccess;
  progress: JobProgressTracker;
  log: vscode.LogOutputChannel;
  minIntervalMs: () => number;
  /** The provider refused the key (or there is none): the UI offers to set it. */
  onAuthFailure(profile: string, error: unknown): void;
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

  constructor(private readonly options: JobPollersOptions) {
    for (const job of options.store.all()) if (!isTerminalStatus(job.status)) this.knownActive.add(jobKey(job));
    this.subscription = options.store.onDidChange((change) => {
      const now = Date.now();
      for (const job of change.changed) {
        const key = jobKey(job);
        options.progress.record(key, job, now);
        if (isTerminalStatus(job.status)) this.knownActive.delete(key);
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

  /** Wakes the poller of every profile with an active job (activation, Refresh). */
  wakeAll(): void {
    const profiles = new Set(this.options.store.all().filter((job) => !isTerminalStatus(job.status)).map((job) => job.profile));
    for (const profile of profiles) this.wake(profile);
  }

  wake(profile: string): void {
    this.poller(profile).wake();
  }

  /** After the user set a key for the profile. */
  resumeAfterAuth(profile: string): void {
    this.pollers.get(profile)?.resumeAfterAuth();
  }

  dispose(): void {
    this.subscription.dispose();
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
          log.warn(`Polling ${profile} stopped: the provider refused the key (${(error as Error).message})`);
          this.options.onAuthFailure(profile, error);
        },
        onError: (error) => log.warn(`Polling ${profile} failed, will retry: ${(error as Error).message}`),
      });
      this.pollers.set(profile, poller);
    }
    return poller;
  }
}
