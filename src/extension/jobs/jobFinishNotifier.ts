import * as path from 'node:path';
import { errorMessage } from '../../core/errors';
import * as vscode from 'vscode';
import { type Job, hasResults, isTerminalStatus } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { formatCount } from '../../core/formatting';
import { statusLabel } from '../../core/jobs/jobPresentation';
import { COMMANDS } from '../../core/contributionIds';

/**
 * Tells the user once when a job reaches a terminal state, including jobs that finished while VS Code
 * was closed (reconciled on startup). The job is marked as announced, and persisted, before the
 * message shows, so no restart announces it twice.
 */
export class JobFinishNotifier implements vscode.Disposable {
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: JobStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscription = store.onDidChange((change) => void this.announce(change.changed));
  }

  /** Announces what finished while VS Code was closed. */
  announcePending(): Promise<void> {
    return this.announce(this.store.all());
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private async announce(jobs: Job[]): Promise<void> {
    const finished = jobs.filter((job) => isTerminalStatus(job.status) && !job.finishNotified);
    if (finished.length === 0) return;
    try {
      // `update`, not `upsert`: a job removed from the list meanwhile stays removed.
      await this.store.update(...finished.map((job) => ({ ...job, finishNotified: true })));
    } catch (error) {
      // Better told twice (after a restart) than never: show it anyway.
      this.log.warn(`Could not record that ${finished.map((job) => job.id).join(', ')} was announced: ${errorMessage(error)}`);
    }
    for (const job of finished) void this.show(job);
  }

  private async show(job: Job): Promise<void> {
    const name = job.sourceFile ? path.basename(job.sourceFile) : job.id;
    const { total, completed, failed } = job.requestCounts;
    const openResults = vscode.l10n.t('Open Results');
    const showErrors = vscode.l10n.t('Show Errors');
    const actions: string[] = [];
    if (hasResults(job)) actions.push(openResults);
    if (job.errors?.length || failed > 0 || job.status === 'failed') actions.push(showErrors);
    const status = statusLabel(job.status);
    let message =
      total === 0
        ? vscode.l10n.t('Batch {0} {1}', name, status)
        : failed > 0
          ? vscode.l10n.t('Batch {0} {1}: {2} of {3} requests succeeded, {4} failed', name, status, formatCount(completed), formatCount(total), formatCount(failed))
          : vscode.l10n.t('Batch {0} {1}: {2} of {3} requests succeeded', name, status, formatCount(completed), formatCount(total));
    if (job.status === 'failed' && job.errors?.length) message += ` (${job.errors[0].code}: ${job.errors[0].message})`;
    message += vscode.l10n.t('.');
    const show =
      job.status === 'completed' && failed === 0
        ? vscode.window.showInformationMessage
        : job.status === 'failed'
          ? vscode.window.showErrorMessage
          : vscode.window.showWarningMessage;
    const choice = await show(message, ...actions);
    if (choice === openResults) await vscode.commands.executeCommand(COMMANDS.openResults, job);
    else if (choice === showErrors) await vscode.commands.executeCommand(COMMANDS.showJobErrors, job);
  }
}
