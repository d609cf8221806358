import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseBatchTemplate, previewRequests, TEMPLATE_SUFFIX } from '../../core/authoring';
import { isTemplateDocument } from './templateDocuments';

export const PREVIEW_SCHEME = 'batch-template-preview';
/** The rows a preview shows: bounded work whatever the dataset's size. */
const PREVIEW_ROWS = 10;
const DEBOUNCE_MS = 300;

function previewUri(template: vscode.Uri): vscode.Uri {
  const name = path.basename(template.fsPath).slice(0, -TEMPLATE_SUFFIX.length);
  return vscode.Uri.from({ scheme: PREVIEW_SCHEME, path: `/${name} (preview).batch.jsonl`, query: template.toString() });
}

function problemRange(document: vscode.TextDocument): vscode.Range {
  const match = /"data"\s*:/.exec(document.getText());
  return match ? document.getWordRangeAtPosition(document.positionAt(match.index + 1)) ?? new vscode.Range(0, 0, 0, 1) : new vscode.Range(0, 0, 0, 1);
}

/**
 * The first request lines a template makes, in a read-only document beside it, refreshed (debounced,
 * stale runs aborted) as the template is edited; the rows' problems, or why nothing can be made, are
 * diagnostics on the template's `data` key.
 */
export class TemplatePreviews implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changeEmitter.event;
  private readonly texts = new Map<string, string>();
  private readonly pending = new Map<string, { timer: ReturnType<typeof setTimeout>; abort: AbortController }>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('batch-template');
  /** Fires with the template's URI after each refresh (tests wait on it). */
  private readonly refreshEmitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidRefresh = this.refreshEmitter.event;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(PREVIEW_SCHEME, this),
      vscode.workspace.onDidChangeTextDocument(({ document }) => {
        if (isTemplateDocument(document) && this.texts.has(document.uri.toString())) this.schedule(document);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => {
        if (document.uri.scheme === PREVIEW_SCHEME) this.forget(document.uri.query);
        else if (isTemplateDocument(document)) this.diagnostics.delete(document.uri);
      }),
    ];
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.query) ?? '';
  }

  /** Opens (or refreshes) the preview of `document` beside it. */
  async show(document: vscode.TextDocument): Promise<vscode.Uri> {
    await this.refresh(document, new AbortController().signal);
    const uri = previewUri(document.uri);
    const preview = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(preview, 'batch-jsonl');
    await vscode.window.showTextDocument(preview, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
    return uri;
  }

  private schedule(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const earlier = this.pending.get(key);
    if (earlier) {
      clearTimeout(earlier.timer);
      earlier.abort.abort();
    }
    const abort = new AbortController();
    const timer = setTimeout(() => void this.refresh(document, abort.signal), DEBOUNCE_MS);
    this.pending.set(key, { timer, abort });
  }

  private async refresh(document: vscode.TextDocument, signal: AbortSignal): Promise<void> {
    const key = document.uri.toString();
    let text: string;
    const problems: vscode.Diagnostic[] = [];
    try {
      const preview = await previewRequests(parseBatchTemplate(document.getText()), document.uri.fsPath, PREVIEW_ROWS, signal);
      text = preview.lines.join('\n');
      for (const { row, message } of preview.problems) {
        problems.push(new vscode.Diagnostic(problemRange(document), vscode.l10n.t('row {0}: {1}', row, message), vscode.DiagnosticSeverity.Warning));
      }
    } catch (error) {
      if (signal.aborted) return;
      this.log.debug(`Preview of ${document.uri.fsPath}: ${(error as Error).message}`);
      text = '';
      problems.push(new vscode.Diagnostic(problemRange(document), (error as Error).message, vscode.DiagnosticSeverity.Error));
    }
    if (signal.aborted) return;
    for (const problem of problems) problem.source = 'Batch Studio';
    this.diagnostics.set(document.uri, problems);
    this.texts.set(key, text);
    this.changeEmitter.fire(previewUri(document.uri));
    this.refreshEmitter.fire(document.uri);
  }

  private forget(key: string): void {
    const pending = this.pending.get(key);
    if (pending) {
      clearTimeout(pending.timer);
      pending.abort.abort();
    }
    this.pending.delete(key);
    this.texts.delete(key);
  }

  dispose(): void {
    for (const key of [...this.pending.keys()]) this.forget(key);
    this.diagnostics.dispose();
    this.changeEmitter.dispose();
    this.refreshEmitter.dispose();
    for (const subscription of this.subscriptions) subscription.dispose();
  }
}
