import * as path from 'node:path';
import * as vscode from 'vscode';
import { mergeRemote } from '../../../core/jobs/batchPoller';
import { isTerminalStatus, type Job } from '../../../core/jobs/job';
import { describeProviderError } from '../../../core/errors';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

async function confirmCancel(job: Job, name: string): Promise<boolean> {
  if (job.directRun) {
    const stop = vscode.l10n.t('Stop Run');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('Stop the run of {0}?', name),
      { modal: true, detail: vscode.l10n.t('Answers already received stay in the results file. Requests in flight are abandoned; Resume (or Submit again) sends only what is unanswered.') },
      stop,
    );
    return choice === stop;
  }
  const cancelBatch = vscode.l10n.t('Cancel Batch');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('Cancel batch {0}?', name),
    { modal: true, detail: vscode.l10n.t('Requests already completed are kept and billed; the rest are not run. This cannot be undone.') },
    cancelBatch,
  );
  return choice === cancelBatch;
}

/**
 * Cancels an active job after confirmation; the tree shows `cancelling` and then `cancelled`. A batch's menu
 * says Cancel Batch and a direct run's Stop Run: one command each, one action behind both.
 */
export function registerCancelJobCommand(jobs: JobCommandContext): vscode.Disposable {
  // Tests cannot press a modal's button: in the extension's test mode they may pass `{confirmed: true}`.
  const testMode = jobs.context.extensionMode === vscode.ExtensionMode.Test;
  const cancel = async (argument: unknown, options?: { confirmed?: boolean }) => {
    const job = jobFromArgument(argument);
    if (!job || isTerminalStatus(job.status)) return;
    const name = job.sourceFile ? path.basename(job.sourceFile) : job.id;
    const confirmed = (testMode && options?.confirmed === true) || (await confirmCancel(job, name));
    if (!confirmed) return;
    if (job.directRun) {
      await jobs.runs.cancel(job);
      return;
    }
    try {
      const provider = await jobs.providers.provider(job.profile);
      const remote = await provider.cancelBatch(job.id);
      await jobs.store.upsert(mergeRemote(jobs.store.get(job.profile, job.id) ?? job, remote));
      jobs.pollers.wake(job.profile);
    } catch (error) {
      const described = describeProviderError('cancel', error, { profileName: job.profile });
      jobs.log.error(`Cancel ${job.id} failed: ${described.logDetail}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not cancel {0}: {1}', name, described.message));
    }
  };
  return vscode.Disposable.from(registerCommand(COMMANDS.cancelJob, cancel), registerCommand(COMMANDS.stopRun, cancel));
}
