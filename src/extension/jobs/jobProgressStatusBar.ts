import * as vscode from 'vscode';
import { type Job, isTerminalStatus, jobKey } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { formatCount } from '../../core/formatting';
import { progressStatusBarText, statusLabel } from '../../core/jobs/jobPresentation';
import type { RunProgress } from '../../core/runner/directRun';
import type { JobProgressTracker } from '../../core/jobs/progress';
import { FOCUS_JOBS_VIEW_COMMAND } from '../../core/contributionIds';

/** Shows the most recent active job's progress; click to open the Jobs view. */
export class JobProgressStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('batchStudio.jobProgress', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: JobStore,
    private readonly progress: JobProgressTracker,
    /** The live progress of a direct run this window is sending (it is never polled). */
    private readonly runProgress: (job: Job) => RunProgress | undefined,
  ) {
    this.item.name = vscode.l10n.t('Batch Studio Job Progress');
    this.item.command = FOCUS_JOBS_VIEW_COMMAND;
    this.subscription = store.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const job = this.store.all().find((candidate) => !isTerminalStatus(candidate.status));
    if (!job) {
      this.item.hide();
      return;
    }
    const progress = this.progress.progress(jobKey(job), job, Date.now());
    this.item.text = progressStatusBarText(job, progress, Date.now(), job.directRun ? this.runProgress(job) : undefined);
    this.item.tooltip =
      progress.requestsPerMinute !== undefined
        ? vscode.l10n.t('Batch {0} on {1}: {2}, {3} requests/min', job.id, job.profile, statusLabel(job.status), formatCount(Math.round(progress.requestsPerMinute)))
        : vscode.l10n.t('Batch {0} on {1}: {2}', job.id, job.profile, statusLabel(job.status));
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
