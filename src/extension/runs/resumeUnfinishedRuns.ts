import * as path from 'node:path';
import * as vscode from 'vscode';
import { isTerminalStatus, type Job } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { describeProviderError } from '../../core/errors';
import type { Profile } from '../../core/providers';
import type { DirectRuns } from './directRuns';

/** The one question: resume these runs? (Tests answer it instead of the notification.) */
export type AskToResume = (runs: Job[]) => Promise<boolean>;

export const askInNotification: AskToResume = async (runs) => {
  const names = runs.map((job) => (job.sourceFile ? path.basename(job.sourceFile) : job.id));
  const resume = vscode.l10n.t('Resume');
  const choice = await vscode.window.showInformationMessage(
    vscode.l10n.t('Direct runs stopped when the window closed: {0}. Resume them? Answers already received are kept and not paid for again.', names.join(', ')),
    resume,
    vscode.l10n.t('Leave Stopped'),
  );
  return choice === resume;
};

/**
 * After a reload, runs that were sending when the last window closed are still "in progress" in the store.
 * Asks once for all of them: Resume starts each again (its journal sends only what is unanswered); any other
 * answer marks them cancelled, so the question is not asked again (Resume on the job still carries on).
 */
export async function resumeUnfinishedRuns(
  store: JobStore,
  runs: DirectRuns,
  profileNamed: (name: string) => Profile | undefined,
  log: vscode.LogOutputChannel,
  ask: AskToResume = askInNotification,
): Promise<Job[]> {
  const unfinished = store.all().filter((job) => job.directRun && !isTerminalStatus(job.status) && runs.progress(job) === undefined);
  if (unfinished.length === 0) return [];
  if (!(await ask(unfinished))) {
    await Promise.all(unfinished.map((job) => runs.cancel(job)));
    return [];
  }
  const resumed: Job[] = [];
  for (const job of unfinished) {
    try {
      const started = await runs.resume(job, profileNamed(job.profile));
      if (started) resumed.push(started);
    } catch (error) {
      const described = describeProviderError('run', error, { profileName: job.profile });
      log.error(`Resuming the run of ${job.sourceFile ?? job.id} failed: ${described.logDetail}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not resume {0}: {1}', job.sourceFile ? path.basename(job.sourceFile) : job.id, described.message));
      await runs.cancel(job);
    }
  }
  return resumed;
}
