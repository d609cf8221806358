import * as vscode from 'vscode';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

/** Copy Batch ID, Open Input, Remove from List and Refresh: one line of work each. */
export function registerSimpleJobCommands(jobs: JobCommandContext): vscode.Disposable[] {
  return [
    registerCommand(COMMANDS.copyBatchId, async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (!job) return;
      await vscode.env.clipboard.writeText(job.id);
      // Feedback where the eye is not interrupted: the status bar, for a few seconds.
      jobs.context.subscriptions.push(vscode.window.setStatusBarMessage(`$(check) ${vscode.l10n.t('Copied {0} to the clipboard', job.id)}`, 4000));
    }),
    registerCommand(COMMANDS.openJobInput, async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (!job?.sourceFile) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This job was not submitted from this machine, so there is no input file to open.'));
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(job.sourceFile), { preview: false });
    }),
    registerCommand(COMMANDS.removeJob, async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (job) await jobs.store.remove(job);
    }),
    registerCommand(COMMANDS.refreshJobs, () => {
      jobs.pollers.pollNow();
      jobs.tree.refreshDescriptions();
    }),
  ];
}
