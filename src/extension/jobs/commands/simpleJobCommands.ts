import * as vscode from 'vscode';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';

/** Copy Batch ID, Open Input, Remove from List and Refresh: one line of work each. */
export function registerSimpleJobCommands(jobs: JobCommandContext): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('batchStudio.copyBatchId', async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (!job) return;
      await vscode.env.clipboard.writeText(job.id);
      // Feedback where the eye is not interrupted: the status bar, for a few seconds.
      jobs.context.subscriptions.push(vscode.window.setStatusBarMessage(`$(check) Copied ${job.id} to the clipboard`, 4000));
    }),
    vscode.commands.registerCommand('batchStudio.openJobInput', async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (!job?.sourceFile) {
        void vscode.window.showInformationMessage('This job was not submitted from this machine, so there is no input file to open.');
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(job.sourceFile), { preview: false });
    }),
    vscode.commands.registerCommand('batchStudio.removeJob', async (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (job) await jobs.store.remove(job);
    }),
    vscode.commands.registerCommand('batchStudio.refreshJobs', () => {
      jobs.pollers.wakeAll();
      jobs.tree.refreshDescriptions();
    }),
  ];
}
