import * as vscode from 'vscode';
import { formatCount } from '../../core/formatting';
import type { BatchFileReport } from '../../core/validation/types';
import { isBatchDocument } from './batchLanguage';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';

/** The status bar text for a report: what the file holds, or what is wrong with it. */
export function describeReport(report: BatchFileReport): { text: string; tooltip: string } {
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
  const warnings = report.diagnostics.length - errors;
  const holds =
    report.kind === 'output'
      ? report.requests === 1 ? vscode.l10n.t('1 result') : vscode.l10n.t('{0} results', formatCount(report.requests))
      : [report.requests === 1 ? vscode.l10n.t('1 request') : vscode.l10n.t('{0} requests', formatCount(report.requests)), report.model, report.endpoint].filter(Boolean).join(' · ');
  const errorCount = errors === 1 ? vscode.l10n.t('1 error') : vscode.l10n.t('{0} errors', formatCount(errors));
  const warningCount = warnings === 1 ? vscode.l10n.t('1 warning') : vscode.l10n.t('{0} warnings', formatCount(warnings));
  const problems = [errors ? errorCount : '', warnings ? warningCount : ''].filter(Boolean).join(', ');
  const what = report.kind === 'output' ? vscode.l10n.t('Batch results file: {0}', holds) : vscode.l10n.t('Batch file: {0}', holds);
  const tooltip = problems ? `${what}\n${vscode.l10n.t('{0}: click to open Problems', problems)}` : what;
  if (errors) {
    return { text: `$(error) ${errorCount}${warnings ? ` $(warning) ${warnings}` : ''}`, tooltip };
  }
  const icon = report.kind === 'output' ? '$(output)' : '$(checklist)';
  return { text: `${icon} ${holds}${warnings ? ` $(warning) ${warnings}` : ''}`, tooltip };
}

/** Shows the active batch file's request count, model and endpoint, or its error count; click → Problems. */
export function registerBatchStatusBar(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation): void {
  const item = vscode.window.createStatusBarItem('batchStudio.batchFile', vscode.StatusBarAlignment.Left, 50);
  item.name = `Batch Studio: ${vscode.l10n.t('Batch File')}`;
  item.command = { title: vscode.l10n.t('Open Problems'), command: 'workbench.actions.view.problems' };

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
      item.text = `$(loading~spin) ${vscode.l10n.t('Validating batch file')}`;
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
