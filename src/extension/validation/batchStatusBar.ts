import * as vscode from 'vscode';
import { formatCountOf } from '../../core/formatting';
import type { BatchFileReport } from '../../core/validation/types';
import { isBatchDocument } from './batchLanguage';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';

/** The status bar text for a report: what the file holds, or what is wrong with it. */
export function describeReport(report: BatchFileReport): { text: string; tooltip: string } {
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const holds =
    report.kind === 'output'
      ? formatCountOf(report.requests, 'result')
      : [formatCountOf(report.requests, 'request'), report.model, report.endpoint].filter(Boolean).join(' · ');
  const problems = [errors ? formatCountOf(errors, 'error') : '', warnings ? formatCountOf(warnings, 'warning') : ''].filter(Boolean).join(', ');
  const tooltip = `Batch ${report.kind === 'output' ? 'results file' : 'file'}: ${holds}${problems ? `\n${problems}: click to open Problems` : ''}`;
  if (errors) {
    return { text: `$(error) ${formatCountOf(errors, 'error')}${warnings ? ` $(warning) ${warnings}` : ''}`, tooltip };
  }
  const icon = report.kind === 'output' ? '$(output)' : '$(checklist)';
  return { text: `${icon} ${holds}${warnings ? ` $(warning) ${warnings}` : ''}`, tooltip };
}

/** Shows the active batch file's request count, model and endpoint, or its error count; click → Problems. */
export function registerBatchStatusBar(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation): void {
  const item = vscode.window.createStatusBarItem('batchStudio.batchFile', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Batch Studio: Batch File';
  item.command = { title: 'Open Problems', command: 'workbench.actions.view.problems' };

  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !isBatchDocument(document)) {
      item.hide();
      return;
    }
    const report = validation.reportFor(document);
    if (report) {
      const { text, tooltip } = describeReport(report);
      item.text = text;
      item.tooltip = tooltip;
    } else {
      item.text = '$(loading~spin) Validating batch file';
      item.tooltip = undefined;
    }
    item.show();
  };

  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    validation.onDidChangeReport((document) => {
      if (document === vscode.window.activeTextEditor?.document) refresh();
    }),
  );
  refresh();
}
