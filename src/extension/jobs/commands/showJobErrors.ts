import * as vscode from 'vscode';
import type { OpenResultsArguments } from '../../results/openResultsBesideInput';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { resultFilesForJob } from './openResults';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

/**
 * Failed requests: their results beside the input, as Open Results shows them (each failure on its
 * request's line, `[failed 400] code: message`), scrolled to the first failure. A failed batch (the
 * provider refused the file): reveal its validation errors in the tree, each opens the input at its line.
 */
export function registerShowJobErrorsCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.showJobErrors, async (argument: unknown) => {
    const job = jobFromArgument(argument);
    if (!job) return undefined;
    const current = jobs.store.get(job.profile, job.id) ?? job;
    if (current.errorFileId) {
      const files = await resultFilesForJob(jobs, current);
      if (!files) return undefined;
      const args: OpenResultsArguments = { input: files.input, output: files.output, errors: files.errors, job: current, reveal: 'firstFailure' };
      return vscode.commands.executeCommand(COMMANDS.openResultsBesideInput, args);
    }
    await jobs.view.reveal(jobs.tree.nodeFor(current), { expand: true, focus: true, select: true });
    return undefined;
  });
}
