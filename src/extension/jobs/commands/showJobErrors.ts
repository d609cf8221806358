import * as vscode from 'vscode';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { downloadResultFiles } from './downloadJobFiles';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

/**
 * A failed batch: reveal its validation errors in the tree (each opens the input at its line).
 * Failed requests: open the error file.
 */
export function registerShowJobErrorsCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.showJobErrors, async (argument: unknown) => {
    const job = jobFromArgument(argument);
    if (!job) return;
    const current = jobs.store.get(job.profile, job.id) ?? job;
    if (current.errorFileId) {
      const paths = await downloadResultFiles(jobs, current);
      if (paths?.errors) await vscode.window.showTextDocument(vscode.Uri.file(paths.errors), { preview: false });
      return;
    }
    await jobs.view.reveal(jobs.tree.nodeFor(current), { expand: true, focus: true, select: true });
  });
}
