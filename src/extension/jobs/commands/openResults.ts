import * as vscode from 'vscode';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { downloadResultFiles } from './downloadJobFiles';

/** Opens a finished job's results beside its input. */
export function registerOpenResultsCommand(jobs: JobCommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('batchStudio.openResults', async (argument: unknown) => {
    const job = jobFromArgument(argument);
    if (!job) return;
    const paths = await downloadResultFiles(jobs, jobs.store.get(job.profile, job.id) ?? job);
    const file = paths?.output ?? paths?.errors;
    if (file) {
      await vscode.window.showTextDocument(vscode.Uri.file(file), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    }
  });
}
