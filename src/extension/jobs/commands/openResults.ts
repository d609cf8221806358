import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Job } from '../../../core/jobs/job';
import type { ResultFiles } from '../../results/resultsSession';
import { RESULT_FILES_FOR_JOB_COMMAND } from '../../results/resultsLoader';
import { type JobCommandContext, jobFromArgument } from '../jobCommandContext';
import type { JobNode } from '../jobsTree';
import { downloadResultFiles } from './downloadJobFiles';

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
  const where = job.sourceFile ? `${path.basename(job.sourceFile)} is no longer at ${path.dirname(job.sourceFile)}` : `${job.id} was not submitted from this machine`;
  const picked = await vscode.window.showOpenDialog({
    title: `${where}: pick the input file its results belong to`,
    canSelectMany: false,
    filters: { 'Batch files': ['jsonl'] },
  });
  return picked?.[0];
}

/** The newest job submitted from the active editor's file that has results (the keyboard shortcut's target). */
function latestJobOfActiveFile(jobs: JobCommandContext): Job | undefined {
  const document = vscode.window.activeTextEditor?.document;
  if (document?.uri.scheme !== 'file') return undefined;
  const file = document.uri.fsPath;
  const ofFile = jobs.store.all().filter((job) => job.sourceFile === file);
  const withResults = ofFile.find((job) => job.outputFileId || job.errorFileId);
  if (!withResults) {
    const message = ofFile.length
      ? `No job of ${path.basename(file)} has results yet (latest: ${ofFile[0].status.replace('_', ' ')}).`
      : `${path.basename(file)} has not been submitted from this machine. Submit it, or pair a results file with it: "Open Results Beside Input…".`;
    void vscode.window.showInformationMessage(message);
  }
  return withResults;
}

/** Downloads a finished job's result files if needed and pairs them with its input. */
async function resultFilesForJob(jobs: JobCommandContext, argument: Job | JobNode | undefined): Promise<ResultFiles | undefined> {
  const found = argument === undefined ? latestJobOfActiveFile(jobs) : jobFromArgument(argument);
  const job = found && (jobs.store.get(found.profile, found.id) ?? found);
  if (!job) return undefined;
  if (!job.outputFileId && !job.errorFileId) {
    void vscode.window.showInformationMessage(`${job.id} has no result files (status: ${job.status}).`);
    return undefined;
  }
  const paths = await downloadResultFiles(jobs, job);
  if (!paths) return undefined;
  const input = await inputOf(job);
  return input && { input, output: paths.output, errors: paths.errors, job };
}

/**
 * Opens a finished job's results beside its input. The results feature joins and shows them; this side
 * only knows how to reach the provider, and lends that to the results commands (Retry Failed, Export…).
 */
export function registerOpenResultsCommand(jobs: JobCommandContext): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(RESULT_FILES_FOR_JOB_COMMAND, (argument: Job | JobNode) => resultFilesForJob(jobs, argument)),
    vscode.commands.registerCommand('batchStudio.openResults', async (argument?: Job | JobNode) => {
      const files = await resultFilesForJob(jobs, argument);
      return files && vscode.commands.executeCommand('batchStudio.openResultsBesideInput', files);
    }),
  );
}
