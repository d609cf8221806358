import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { type ExportFormat, writeResultsExport } from '../../core/results';
import type { ResultsLoader } from './resultsLoader';
import type { ResultsSession } from './resultsSession';
import { toUri } from './resultsUris';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import { describeFileError } from '../../core/errors';

/** What tests and scripts may pass to skip the format pick and the save dialog. */
export interface ExportResultsOptions {
  format?: ExportFormat;
  target?: vscode.Uri | string;
}

async function pickFormat(): Promise<ExportFormat | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: vscode.l10n.t('one row per request, for spreadsheets'), format: 'csv' as const },
      { label: 'JSONL', description: vscode.l10n.t('one JSON object per request'), format: 'jsonl' as const },
    ],
    { title: vscode.l10n.t('Export results as') },
  );
  return picked?.format;
}

async function pickTarget(session: ResultsSession, format: ExportFormat): Promise<vscode.Uri | undefined> {
  const name = path.basename(session.input.fsPath).replace(/(\.batch)?\.jsonl?$/i, '');
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Export results'),
    defaultUri: vscode.Uri.joinPath(session.input, '..', `${name}.export.${format}`),
    filters: format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
  });
}

/** Streams the rows to disk (the core reads the input again to summarise each request). */
async function writeExport(session: ResultsSession, format: ExportFormat, target: vscode.Uri): Promise<number> {
  const out = createWriteStream(target.fsPath);
  try {
    const rows = await writeResultsExport(session.join, format, out);
    out.end();
    await finished(out);
    return rows;
  } catch (error) {
    out.destroy();
    throw error;
  }
}

/** "Export Results": custom_id, input summary, output text, status and tokens as CSV or JSONL. Resolves to the file. */
export function registerExportResultsCommand(loader: ResultsLoader, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(COMMANDS.exportResults, async (source?: unknown, options: ExportResultsOptions = {}) => {
    const session = await loader.sessionFor(source);
    const format = session && (options.format ?? (await pickFormat()));
    const target = session && format && (toUri(options.target) ?? (await pickTarget(session, format)));
    if (!session || !format || !target) return undefined;
    try {
      const rows = await writeExport(session, format, target);
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} results to {1}.', rows, path.basename(target.fsPath)), vscode.l10n.t('Open')).then((choice) => {
        if (choice) void vscode.window.showTextDocument(target, { preview: false });
      });
      return target;
    } catch (error) {
      log.error(`Exporting results to ${target.fsPath} failed:`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the results to {0}: {1}', target.fsPath, describeFileError(error, target.fsPath)));
      return undefined;
    }
  });
}
