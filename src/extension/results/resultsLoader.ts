import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import { jobFromArgument } from '../jobs/jobCommandContext';
import type { ResultFiles, ResultsSession } from './resultsSession';
import type { ResultsSessions } from './resultsSessions';
import { toUri } from './resultsUris';
import { COMMANDS } from '../../core/contributionIds';
import { describeFileError } from '../../core/errors';

/** What the Jobs feature, which knows the jobs and can download, lends the results commands. */
export interface JobResults {
  /** A job's input and result files (downloaded if needed), or undefined. */
  resultFilesForJob(job: Job): Promise<ResultFiles | undefined>;
  /** The newest job submitted from `inputPath` that has result files, if any. */
  latestJobWithResults(inputPath: string): Job | undefined;
}

/** Loads sessions for commands, with progress and errors the user can act on; the raw error goes to the log. */
export class ResultsLoader {
  constructor(
    readonly sessions: ResultsSessions,
    private readonly log: vscode.LogOutputChannel,
    readonly jobResults: JobResults,
  ) {}

  async load(files: ResultFiles): Promise<ResultsSession | undefined> {
    const name = path.basename(files.input.fsPath);
    try {
      return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Joining the results of {0}', name) }, () =>
        this.sessions.load(files),
      );
    } catch (error) {
      this.log.error(`Joining results to ${files.input.fsPath} failed:`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not read the results of {0}: {1}.', name, describeFileError(error)));
      return undefined;
    }
  }

  /**
   * The session a command acts on: a job or Jobs tree node (downloaded and joined if needed), a URI (an
   * input, aligned results or full result), else the active editor's.
   */
  async sessionFor(argument: unknown): Promise<ResultsSession | undefined> {
    const job = argument instanceof vscode.Uri ? undefined : jobFromArgument(argument);
    if (job) {
      const files = await this.jobResults.resultFilesForJob(job);
      if (!files) return undefined;
      const loaded = this.sessions.sessionOf(files.input);
      // Jobs of one input share result paths: the loaded session is this job's only if it came from it.
      const sameJob = loaded?.files.job?.id === job.id && loaded?.files.job?.profile === job.profile;
      return loaded && sameJob && loaded.files.output === files.output && loaded.files.errors === files.errors ? loaded : this.load(files);
    }
    const uri = toUri(argument) ?? vscode.window.activeTextEditor?.document.uri;
    const session = uri && this.sessions.sessionOf(uri);
    if (!session) void this.offerToPair();
    return session;
  }

  private async offerToPair(): Promise<void> {
    const choice = await vscode.window.showInformationMessage(
      vscode.l10n.t("No results are loaded for this editor. Open a job's results from the Jobs view, or pair a results file with its input."),
      vscode.l10n.t('Open Results Beside Input…'),
    );
    if (choice) await vscode.commands.executeCommand(COMMANDS.openResultsBesideInput);
  }
}
