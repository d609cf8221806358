import * as path from 'node:path';
import * as vscode from 'vscode';
import { hasResults, type Job } from '../../../core/jobs/job';
import { statusLabel } from '../../../core/jobs/jobPresentation';
import type { JobStore } from '../../../core/jobs/jobStore';
import type { ResultFiles } from '../../results/resultsSession';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import type { JobNode } from '../jobsTree';
import { downloadResultFiles } from './downloadJobFiles';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';

/** The input the job was submitted from, or one the user picks (imported jobs, moved files). */
async function inputOf(job: Job): Promise<vscode.Uri | undefined> {
  if (job.sourceFile) {
    try {
      await vscode.workspace.fs.stat(vscode.Uri.file(job.sourceFile));
      return vscode.Uri.file(job.sourceFile);
    } catch {
      // Gone or moved: ask for it below.
    }
  }
  const title = job.sourceFile
    ? vscode.l10n.t('{0} is no longer at {1}: pick the input file its results belong to', path.basename(job.sourceFile), path.dirname(job.sourceFile))
    : vscode.l10n.t('{0} was not submitted from this machine: pick the input file its results belong to', job.id);
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany: false,
    filters: { [vscode.l10n.t('Batch files')]: ['jsonl'] },
  });
  return picked?.[0];
}

/** The newest job submitted from the active editor's file that has results (the keyboard shortcut's target). */
/** The newest job submitted from `inputPath` that has result files (the store lists newest first). */
export function latestJobWithResults(store: JobStore, inputPath: string): Job | undefined {
  return store.all().find((job) => job.sourceFile === inputPath && hasResults(job));
}

function latestJobOfActiveFile(jobs: JobCommandContext): Job | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.uri.scheme !== 'file') return undefined;
  const file = document.uri.fsPath;
  const ofFile = jobs.store.all().filter((job) => job.sourceFile === file);
  const withResults = latestJobWithResults(jobs.store, file);
  if (!withResults) {
    const message = ofFile.length
      ? vscode.l10n.t('No job of {0} has results yet (latest: {1}).', path.basename(file), statusLabel(ofFile[0].status))
      : vscode.l10n.t('{0} has not been submitted from this machine. Submit it, or pair a results file with it: "Open Results Beside Input…".', path.basename(file));
    void vscode.window.showInformationMessage(message);
  }
  return withResults;
}

/** Downloads a finished job's result files if needed and pairs them with its input. */
export async function resultFilesForJob(jobs: JobCommandContext, argument: Job | JobNode | undefined): Promise<ResultFiles | undefined> {
  const found = argument === undefined ? latestJobOfActiveFile(jobs) : jobFromArgument(argument);
  const job = found && (jobs.store.get(found.profile, found.id) ?? found);
  if (!job) return undefined;
  if (!hasResults(job)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} has no result files (status: {1}).', job.id, statusLabel(job.status)));
    return undefined;
  }
  const paths = await downloadResultFiles(jobs, job);
  if (!paths) return undefined;
  const input = await inputOf(job);
  return input && { input, output: paths.output, errors: paths.errors, job };
}

/**
 * Opens a finished job's results beside its input. The results feature joins and shows them; this side
 * only knows how to reach the provider, and lends that (resultFilesForJob) to the results commands.
 */
export function registerOpenResultsCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.openResults, async (argument?: Job | JobNode) => {
    const files = await resultFilesForJob(jobs, argument);
    return files && vscode.commands.executeCommand(COMMANDS.openResultsBesideInput, files);
  });
}
