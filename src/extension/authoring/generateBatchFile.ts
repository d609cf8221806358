import * as path from 'node:path';
import * as vscode from 'vscode';
import { describeFileError } from '../../core/errors';
import { buildBatchFile, DatasetError, defaultBatchPath, parseBatchTemplate, TemplateError, type BuildReport, type InvalidRowPolicy } from '../../core/authoring';
import { formatCount } from '../../core/formatting';
import { templateDocumentFor } from './templateDocuments';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What tests and scripts may pass to skip the question about rows that cannot make a valid request. */
export interface GenerateOptions {
  invalidRows?: InvalidRowPolicy;
}

export type GenerateResult = { outcome: 'generated'; report: BuildReport } | { outcome: 'cancelled' | 'failed' };

function problemSummary(report: BuildReport): string {
  const shown = report.problems.slice(0, 3).map(({ row, message }) => vscode.l10n.t('row {0}: {1}', row, message));
  const more = report.problemRows - shown.length;
  return `${shown.join('\n')}${more > 0 ? `\n${vscode.l10n.t('… and {0} more rows', formatCount(more))}` : ''}`;
}

async function askAboutInvalidRows(report: BuildReport): Promise<InvalidRowPolicy | undefined> {
  const skip = vscode.l10n.t('Skip Them');
  const keep = vscode.l10n.t('Keep Them');
  const choice = await vscode.window.showWarningMessage(
    vscode.l10n.t('{0} of {1} rows cannot make a valid request.', formatCount(report.problemRows), formatCount(report.rows)),
    { modal: true, detail: `${problemSummary(report)}\n\n${vscode.l10n.t('Skip them (the file has the valid rows only), or keep them to fix in the file, where their errors are shown.')}` },
    skip,
    keep,
  );
  return choice === skip ? 'skip' : choice === keep ? 'keep' : undefined;
}

/**
 * "Generate Batch File": the template (as edited, saved or not) over its dataset, streamed to
 * `<name>.batch.jsonl` beside it, which opens (and so is validated). Rows that cannot make a valid request
 * are left out, or kept, as the user chooses once they are known.
 */
export function registerGenerateBatchFileCommand(log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(COMMANDS.generateBatchFile, async (source?: unknown, options: GenerateOptions = {}): Promise<GenerateResult> => {
    const document = await templateDocumentFor(source);
    if (!document) return { outcome: 'cancelled' };
    const templatePath = document.uri.fsPath;
    const outputPath = defaultBatchPath(templatePath);
    try {
      const template = parseBatchTemplate(document.getText());
      const build = (invalidRows: InvalidRowPolicy) =>
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating {0}', path.basename(outputPath)), cancellable: true }, (_progress, token) => {
          const abort = new AbortController();
          token.onCancellationRequested(() => abort.abort());
          return buildBatchFile(template, templatePath, outputPath, { invalidRows, signal: abort.signal });
        });
      let report = await build(options.invalidRows ?? 'skip');
      if (report.problemRows && !options.invalidRows) {
        const choice = await askAboutInvalidRows(report);
        if (!choice) return { outcome: 'cancelled' };
        if (choice === 'keep') report = await build('keep');
      }
      const output = vscode.Uri.file(outputPath);
      await vscode.window.showTextDocument(output, { preview: false });
      const requests = formatCount(report.requests);
      const rows = formatCount(report.rows);
      const name = path.basename(outputPath);
      void vscode.window.showInformationMessage(
        report.problemRows && report.requests < report.rows
          ? vscode.l10n.t('Wrote {0} requests from {1} rows to {2}; {3} rows skipped.', requests, rows, name, formatCount(report.rows - report.requests))
          : vscode.l10n.t('Wrote {0} requests from {1} rows to {2}.', requests, rows, name),
      );
      return { outcome: 'generated', report };
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') return { outcome: 'cancelled' };
      log.error(`Generating ${outputPath} failed:`, error);
      const reason = error instanceof TemplateError || error instanceof DatasetError ? error.message : describeFileError(error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not generate {0}: {1}', path.basename(outputPath), reason));
      return { outcome: 'failed' };
    }
  });
}
