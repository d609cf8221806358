import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeProviderError } from '../../core/errors';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import { type JobCommandContext, jobFromArgument } from '../jobs/jobCommandContext';

/** Pause Run and Resume Run on a direct run's job (its row's inline buttons and context menu). */
export function registerRunCommands(jobs: JobCommandContext): vscode.Disposable[] {
  return [
    registerCommand(COMMANDS.pauseRun, (argument: unknown) => {
      const job = jobFromArgument(argument);
      if (job?.directRun) jobs.runs.pause(job);
    }),
    registerCommand(COMMANDS.resumeRun, async (argument: unknown) => {
      const found = jobFromArgument(argument);
      const job = found && (jobs.store.get(found.profile, found.id) ?? found);
      if (!job?.directRun) return undefined;
      try {
        return await jobs.runs.resume(job, jobs.profileNamed(job.profile));
      } catch (error) {
        const described = describeProviderError('run', error, { profileName: job.profile });
        jobs.log.error(`Resume ${job.sourceFile ?? job.id} failed: ${described.logDetail}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not resume {0}: {1}', job.sourceFile ? path.basename(job.sourceFile) : job.id, described.message));
        return undefined;
      }
    }),
  ];
}
