import * as vscode from 'vscode';
import { renderSummaryMarkdown, summarizeResults } from '../../core/results';
import type { BatchStudioConfiguration } from '../configuration';
import type { ResultsLoader } from './resultsLoader';
import type { ResultsSession } from './resultsSession';
import { loadSummaryPrices } from './summaryPrices';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

export const RESULTS_SUMMARY_SCHEME = 'batch-results-summary';

function summaryUri(session: ResultsSession): vscode.Uri {
  return vscode.Uri.from({ scheme: RESULTS_SUMMARY_SCHEME, path: `${session.input.path} summary.md`, query: session.input.toString() });
}

/**
 * The results summary as the core's Markdown, in a read-only document shown as a Markdown preview (VS
 * Code's preview renders it under its own strict CSP; the core escapes what comes from the files).
 */
class ResultsSummaryDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly markdownByUri = new Map<string, string>();
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly configuration: BatchStudioConfiguration,
    private readonly defaultPricesPath: string,
  ) {}

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.markdownByUri.get(uri.toString()) ?? `# ${vscode.l10n.t('Results summary')}\n\n${vscode.l10n.t('The results are no longer loaded: open them again.')}\n`;
  }

  /** Summarises the session (prices read now, so an edited price file counts) and returns the document's URI. */
  async update(session: ResultsSession): Promise<vscode.Uri> {
    const { prices, discount, problem } = await loadSummaryPrices(this.configuration, this.defaultPricesPath, session.files.job);
    if (problem) void this.reportPriceProblem(problem);
    const summary = summarizeResults(session.join, { job: session.files.job, prices, discount });
    let markdown = renderSummaryMarkdown(summary, vscode.l10n.t('Results of {0}', session.inputName));
    if (problem) markdown += `\n## ${vscode.l10n.t('Cost')}\n\n${vscode.l10n.t('Not computed: the price file setting has a problem (see the notification).')}\n`;
    const uri = summaryUri(session);
    this.markdownByUri.set(uri.toString(), markdown);
    this.changeEmitter.fire(uri);
    return uri;
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }

  private async reportPriceProblem(problem: string): Promise<void> {
    const choice = await vscode.window.showErrorMessage(problem, vscode.l10n.t('Open Settings'));
    if (choice) await vscode.commands.executeCommand('workbench.action.openSettings', this.configuration.settingKey('resultsPriceFile'));
  }
}

/** "Show Results Summary": the Markdown preview beside the editor; the document when no preview is available. */
export function registerResultsSummaryCommand(loader: ResultsLoader, configuration: BatchStudioConfiguration, defaultPricesPath: string): vscode.Disposable {
  const documents = new ResultsSummaryDocuments(configuration, defaultPricesPath);
  return vscode.Disposable.from(
    documents,
    vscode.workspace.registerTextDocumentContentProvider(RESULTS_SUMMARY_SCHEME, documents),
    registerCommand(COMMANDS.showResultsSummary, async (target?: unknown) => {
      const session = await loader.sessionFor(target);
      if (!session) return undefined;
      const uri = await documents.update(session);
      const document = await vscode.workspace.openTextDocument(uri);
      // In the results' group when they are shown (a preview "to the side" of them opened a third column).
      const results = vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === session.alignedUri.toString());
      try {
        if (results) {
          await vscode.window.showTextDocument(results.document, { viewColumn: results.viewColumn, preview: false });
          await vscode.commands.executeCommand('markdown.showPreview', uri);
        } else {
          await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
        }
      } catch {
        await vscode.window.showTextDocument(document, { viewColumn: results?.viewColumn ?? vscode.ViewColumn.Beside, preserveFocus: true });
      }
      return document;
    }),
  );
}
