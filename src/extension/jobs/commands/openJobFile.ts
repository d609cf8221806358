import * as vscode from 'vscode';
import { showInItsColumn } from '../../editors/editorColumns';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { downloadResultFiles } from './downloadJobFiles';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

/** A Jobs tree child's file: the output or the error file, downloaded if needed. */
export interface JobFileArgument {
  role: 'output' | 'error';
}

/**
 * Opens one of a job's result files as it was downloaded: the Output child its output, the Error child its
 * errors; in the group that already shows it, so clicking again does not open yet another group.
 */
export function registerOpenJobFileCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.openJobFile, async (argument: unknown) => {
    const job = jobFromArgument(argument);
    const role = (argument as Partial<JobFileArgument> | undefined)?.role;
    if (!job || (role !== 'output' && role !== 'error')) return undefined;
    const paths = await downloadResultFiles(jobs, jobs.store.get(job.profile, job.id) ?? job);
    const file = role === 'output' ? paths?.output : paths?.errors;
    return file && showInItsColumn(vscode.Uri.file(file), { preserveFocus: true });
  });
}
