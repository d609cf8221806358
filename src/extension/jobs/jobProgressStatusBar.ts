import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTerminalStatus, jobKey } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { formatCount } from '../../core/formatting';
import { etaText, progressBar, statusLabel } from '../../core/jobs/jobPresentation';
import type { JobProgressTracker } from '../../core/jobs/progress';
import { FOCUS_JOBS_VIEW_COMMAND } from '../../core/contributionIds';

/** Shows the most recent active job's progress; click to open the Jobs view. */
export class JobProgressStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('batchStudio.jobProgress', vscode.StatusBarAlignment.Left, 10);
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: JobStore,
    private readonly progress: JobProgressTracker,
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
    const name = job.sourceFile ? path.basename(job.sourceFile) : job.id;
    const progress = this.progress.progress(jobKey(job), job, Date.now());
    let text = `$(sync~spin) ${name}`;
    if (progress.total > 0) text += ` ${progressBar(progress)} ${formatCount(progress.done)}/${formatCount(progress.total)}`;
    const eta = etaText(progress);
    if (eta) text += ` · ${eta}`;
    this.item.text = text;
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
