import * as vscode from 'vscode';
import { isTerminalStatus } from '../../../core/jobs/job';
import { findImportedSource } from '../../../core/jobs/importedSource';
import { describeProviderError } from '../../../core/errors';
import type { JobCommandContext } from '../jobCommandContext';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';
import { formatCount, formatCountOf } from '../../../core/formatting';

/** How far back an import reads: 5 pages of 100, newest first. */
const MAX_IMPORT_PAGES = 5;

/** Adds the profile's batches that the provider knows and this machine does not. */
export function registerImportBatchesCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.importBatches, async (profileArgument?: string) => {
    const profile = typeof profileArgument === 'string' ? profileArgument : jobs.activeProfile();
    try {
      const provider = await jobs.providers.provider(profile);
      if (!provider.capabilities.listsServerBatches) {
        void vscode.window.showInformationMessage(`Profile "${profile}" cannot list its batches, so there is nothing to import.`);
        return;
      }
      const imported = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Importing batches from ${profile}`, cancellable: true },
        async (_progress, token) => {
          const found = [];
          let after: string | undefined;
          for (let page = 0; page < MAX_IMPORT_PAGES && !token.isCancellationRequested; page++) {
            const { jobs: listed, hasMore, nextAfter } = await provider.listBatches({ after, limit: 100 });
            for (const job of listed) {
              if (!jobs.store.get(profile, job.id)) found.push({ ...job, profile, finishNotified: isTerminalStatus(job.status) });
            }
            if (!hasMore || !nextAfter) break;
            after = nextAfter;
          }
          return found;
        },
      );
      // A batch submitted from this machine (then removed from the list, or from another window) gets its
      // input back: the file whose bytes match the SHA-256 submission recorded in the batch's metadata.
      for (const job of imported) {
        const name = job.metadata?.source_file;
        const candidates = name ? (await vscode.workspace.findFiles(`**/${name.replace(/[[\]{}*?!]/g, '')}`, '**/node_modules/**', 20)).map((uri) => uri.fsPath) : [];
        const sourceFile = await findImportedSource(job, jobs.store.all(), candidates);
        if (sourceFile) job.sourceFile = sourceFile;
      }
      await jobs.store.upsert(...imported);
      void vscode.window.showInformationMessage(
        imported.length === 0
          ? `No new batches on ${profile}.`
          : `Imported ${formatCountOf(imported.length, 'batch', 'batches')} from ${profile}; ${formatCount(imported.filter((job) => job.sourceFile).length)} matched to their input files in this workspace.`,
      );
    } catch (error) {
      const described = describeProviderError('import', error, { profileName: profile });
      jobs.log.error(`Import from ${profile} failed: ${described.logDetail}`);
      const choice = await vscode.window.showErrorMessage(
        `Could not import batches: ${described.message}`,
        ...(described.action === 'set-api-key' ? ['Set API Key'] : []),
      );
      if (choice === 'Set API Key') await vscode.commands.executeCommand(COMMANDS.setApiKey, profile);
    }
  });
}
