import * as vscode from 'vscode';
import { describeProviderError } from '../../../core/errors';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import { journalPathsFor } from '../../../core/runner';
import { type DownloadRegistry, type DownloadedResultFile, type JobResultPaths, ensureResultFiles, resultPathsFor } from '../../../core/jobs/jobResultFiles';
import { IncompleteDownloadError } from '../../../core/providers/fileDownload';
import { isAbort } from '../../../core/providers/httpErrors';
import type { Job } from '../../../core/jobs/job';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

const DOWNLOADS_KEY = 'batchStudio.downloadedResultFiles';

/** Which provider file each result path holds, in global state (so it holds across windows and restarts). */
function downloadRegistry(state: vscode.Memento): DownloadRegistry {
  const read = () => state.get<Record<string, DownloadedResultFile>>(DOWNLOADS_KEY) ?? {};
  return {
    get: (file) => read()[file],
    set: (file, record) => Promise.resolve(state.update(DOWNLOADS_KEY, { ...read(), [file]: record })),
  };
}

/** A result file someone changed since it was downloaded is overwritten only if the user says so. */
async function confirmOverwrite(file: string): Promise<boolean> {
  const overwrite = vscode.l10n.t('Download Again and Overwrite');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} was changed since it was downloaded (or was not downloaded by Batch Studio).', path.basename(file)),
    { modal: true, detail: vscode.l10n.t("Keep it to open your version; download again to replace it with the provider's file.") },
    overwrite,
    vscode.l10n.t('Keep Mine'),
  );
  return choice === overwrite;
}

/** A direct run's answers are already on disk, beside its input: its journal (a file with no answer is absent). */
async function journalFilesOf(job: Job): Promise<JobResultPaths | undefined> {
  if (!job.sourceFile) return undefined;
  const paths = journalPathsFor(job.sourceFile);
  const existing = (file: string) => stat(file).then(() => file, () => undefined);
  return { folder: path.dirname(paths.results), output: await existing(paths.results), errors: await existing(paths.errors) };
}

/**
 * Downloads a job's output and error files (once; again if the local copy is gone; a file the user
 * changed only after asking) and returns their paths (a direct run's are its journal, found, not downloaded), or undefined after telling the user what went wrong.
 */
export async function downloadResultFiles(jobs: JobCommandContext, job: Job): Promise<JobResultPaths | undefined> {
  if (job.directRun) return journalFilesOf(job);
  const fallback = vscode.Uri.joinPath(jobs.context.globalStorageUri, 'results').fsPath;
  try {
    const paths = resultPathsFor(job, fallback, jobs.resultsFolder());
    const provider = await jobs.providers.provider(job.profile);
    return await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading results of {0}', job.id), cancellable: true },
      (_progress, token) => {
        const cancel = new AbortController();
        token.onCancellationRequested(() => cancel.abort());
        return ensureResultFiles(job, provider, paths, downloadRegistry(jobs.context.globalState), { confirmOverwrite, signal: cancel.signal });
      },
    );
  } catch (error) {
    const described = describeProviderError('download', error, { profileName: job.profile });
    jobs.log.error(`Download of ${job.id} results failed: ${described.logDetail}`);
    if (isAbort(error)) return undefined;
    const status = (error as { status?: number }).status;
    const message =
      status === 404
        ? vscode.l10n.t('The result files of {0} are no longer on the provider (batch files expire, by default after 30 days).', job.id)
        : error instanceof IncompleteDownloadError
          ? error.message
          : vscode.l10n.t('Could not download the results of {0}: {1}', job.id, described.message);
    void vscode.window.showErrorMessage(message);
    return undefined;
  }
}

export function registerDownloadJobFilesCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.downloadJobFiles, async (argument: unknown) => {
    const job = jobFromArgument(argument);
    if (!job) return;
    const paths = await downloadResultFiles(jobs, job);
    const first = paths?.output ?? paths?.errors;
    if (first) await vscode.window.showTextDocument(vscode.Uri.file(first), { preview: false, viewColumn: vscode.ViewColumn.Beside });
  });
}
