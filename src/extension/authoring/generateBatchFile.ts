import * as path from 'node:path';
import * as vscode from 'vscode';
import { buildBatchFile, DatasetError, defaultBatchPath, parseBatchTemplate, TemplateError, type BuildReport, type InvalidRowPolicy } from '../../core/authoring';
import { formatCountOf } from '../../core/formatting';
import { templateDocumentFor } from './templateDocuments';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What tests and scripts may pass to skip the question about rows that cannot make a valid request. */
export interface GenerateOptions {
  invalidRows?: InvalidRowPolicy;
}

export type GenerateResult = { outcome: 'generated'; report: BuildReport } | { outcome: 'cancelled' | 'failed' };

function problemSummary(report: BuildReport): string {
  const shown = report.problems.slice(0, 3).map(({ row, message }) => `row ${row}: ${message}`);
  const more = report.problemRows - shown.length;
  return `${shown.join('\n')}${more > 0 ? `\n… and ${formatCountOf(more, 'more row')}` : ''}`;
}

async function askAboutInvalidRows(report: BuildReport): Promise<InvalidRowPolicy | undefined> {
  const skip = 'Skip Them';
  const keep = 'Keep Them';
  const choice = await vscode.window.showWarningMessage(
    `${formatCountOf(report.problemRows, 'row')} of ${formatCountOf(report.rows, 'row')} cannot make a valid request.`,
    { modal: true, detail: `${problemSummary(report)}\n\nSkip them (the file has the valid rows only), or keep them to fix in the file, where their errors are shown.` },
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
        vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Generating ${path.basename(outputPath)}`, cancellable: true }, (_progress, token) => {
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
      const skipped = report.problemRows && report.requests < report.rows ? `; ${formatCountOf(report.rows - report.requests, 'row')} skipped` : '';
      void vscode.window.showInformationMessage(`Wrote ${formatCountOf(report.requests, 'request')} from ${formatCountOf(report.rows, 'row')} to ${path.basename(outputPath)}${skipped}.`);
      return { outcome: 'generated', report };
    } catch (error) {
      if (error instanceof Error && error.name === 'AbortError') return { outcome: 'cancelled' };
      log.error(`Generating ${outputPath} failed:`, error);
      const reason = error instanceof TemplateError || error instanceof DatasetError ? error.message : `${(error as Error).message ?? error}`;
      void vscode.window.showErrorMessage(`Could not generate ${path.basename(outputPath)}: ${reason}`);
      return { outcome: 'failed' };
    }
  });
}
