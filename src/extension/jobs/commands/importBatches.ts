import * as vscode from 'vscode';
import { isTerminalStatus } from '../../../core/jobs/job';
import { findImportedSource } from '../../../core/jobs/importedSource';
import { describeProviderError } from '../../../core/errors';
import type { JobCommandContext } from '../jobCommandContext';
import { COMMANDS } from '../../../core/contributionIds';
import { registerCommand } from '../../commands/registerCommand';
import { formatCount } from '../../../core/formatting';

/** How far back an import reads: 5 pages of 100, newest first. */
const MAX_IMPORT_PAGES = 5;

/** Adds the profile's batches that the provider knows and this machine does not. */
export function registerImportBatchesCommand(jobs: JobCommandContext): vscode.Disposable {
  return registerCommand(COMMANDS.importBatches, async (profileArgument?: string) => {
    const profile = typeof profileArgument === 'string' ? profileArgument : jobs.activeProfile();
    try {
      const provider = await jobs.providers.provider(profile);
      if (!provider.capabilities.listsServerBatches) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Profile "{0}" cannot list its batches, so there is nothing to import.', profile));
        return;
      }
      const imported = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Importing batches from {0}', profile), cancellable: true },
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
      const matched = formatCount(imported.filter((job) => job.sourceFile).length);
      void vscode.window.showInformationMessage(
        imported.length === 0
          ? vscode.l10n.t('No new batches on {0}.', profile)
          : imported.length === 1
            ? vscode.l10n.t('Imported 1 batch from {0}; {1} matched to its input file in this workspace.', profile, matched)
            : vscode.l10n.t('Imported {0} batches from {1}; {2} matched to their input files in this workspace.', formatCount(imported.length), profile, matched),
      );
    } catch (error) {
      const described = describeProviderError('import', error, { profileName: profile });
      jobs.log.error(`Import from ${profile} failed: ${described.logDetail}`);
      const setApiKey = vscode.l10n.t('Set API Key');
      const choice = await vscode.window.showErrorMessage(vscode.l10n.t('Could not import batches: {0}', described.message), ...(described.action === 'set-api-key' ? [setApiKey] : []));
      if (choice === setApiKey) await vscode.commands.executeCommand(COMMANDS.setApiKey, profile);
    }
  });
}
