import { existsSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeFileError } from '../../core/errors';
import { readBatchTemplate, templatePathForBatch, writeFileInPlace, writeResultsWithData } from '../../core/authoring';
import type { ExportFormat } from '../../core/results';
import { formatCount } from '../../core/formatting';
import type { ResultsLoader } from '../results/resultsLoader';
import { toUri } from '../results/resultsUris';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What tests and scripts may pass to skip the questions. */
export interface ExportWithDataOptions {
  format?: ExportFormat;
  spreadJsonAnswers?: boolean;
  target?: vscode.Uri | string;
}

async function pickFormat(): Promise<{ format: ExportFormat; spreadJsonAnswers: boolean } | undefined> {
  const picked = await vscode.window.showQuickPick(
    [
      { label: 'CSV', description: vscode.l10n.t("the dataset's columns, then status, answer, error, tokens"), format: 'csv' as const, spreadJsonAnswers: false },
      { label: vscode.l10n.t('CSV, JSON answers in columns'), description: vscode.l10n.t('structured outputs: each key of a JSON answer as an answer.<key> column'), format: 'csv' as const, spreadJsonAnswers: true },
      { label: 'JSONL', description: vscode.l10n.t('one JSON object per dataset row'), format: 'jsonl' as const, spreadJsonAnswers: false },
    ],
    { title: vscode.l10n.t('Export results with data as') },
  );
  return picked && { format: picked.format, spreadJsonAnswers: picked.spreadJsonAnswers };
}

/**
 * "Export Results with Data": a job's (or the open batch file's) results joined back to the rows of the
 * dataset its template reads, by custom_id. The batch file must sit beside its `*.batch-template.json`.
 */
export function registerExportResultsWithDataCommand(loader: ResultsLoader, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(COMMANDS.exportResultsWithData, async (source?: unknown, options: ExportWithDataOptions = {}) => {
    const session = await loader.sessionFor(source);
    if (!session) return undefined;
    const input = session.files.input.fsPath;
    const templatePath = templatePathForBatch(input);
    if (!templatePath || !existsSync(templatePath)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} was not generated from a template: Export Results with Data needs its *.batch-template.json beside it (use Export Results for the requests alone).', path.basename(input)));
      return undefined;
    }
    const choice = options.format ? { format: options.format, spreadJsonAnswers: options.spreadJsonAnswers ?? false } : await pickFormat();
    if (!choice) return undefined;
    const name = path.basename(templatePath).replace(/\.batch-template\.json$/, '');
    const target =
      toUri(options.target) ??
      (await vscode.window.showSaveDialog({
        title: vscode.l10n.t('Export results with data'),
        defaultUri: vscode.Uri.file(path.join(path.dirname(templatePath), `${name}.with-results.${choice.format}`)),
        filters: choice.format === 'csv' ? { CSV: ['csv'] } : { 'JSON Lines': ['jsonl'] },
      }));
    if (!target) return undefined;
    try {
      const template = await readBatchTemplate(templatePath);
      const { output, errors } = session.files;
      const report = await writeFileInPlace(target.fsPath, (sink) =>
        writeResultsWithData(template, templatePath, { output, errors }, sink, choice),
      );
      void vscode.window.showInformationMessage(vscode.l10n.t('Exported {0} rows with their results to {1}.', formatCount(report.rows), path.basename(target.fsPath)), vscode.l10n.t('Open')).then((open) => {
        if (open) void vscode.window.showTextDocument(target, { preview: false });
      });
      return target;
    } catch (error) {
      log.error(`Export with data to ${target.fsPath} failed:`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not export the results with data to {0}: {1}', path.basename(target.fsPath), describeFileError(error)));
      return undefined;
    }
  });
}
