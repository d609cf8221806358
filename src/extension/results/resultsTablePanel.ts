import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import {
  buildResultsTableRows,
  countByStatus,
  filterResultsTableRows,
  type ResultsTableQuery,
  type ResultsTableRow,
} from '../../core/results/resultsTable';
import type { ResultsLoader } from './resultsLoader';
import type { ResultsSession } from './resultsSession';
import type { ResultsSessions } from './resultsSessions';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** Rows sent per page: the webview renders only the visible window and asks for pages as it scrolls. */
const MAX_PAGE = 500;

/** What the webview says (media/resultsTable.js). */
type TableMessage =
  | { type: 'ready' }
  | { type: 'query'; requestId: number; status: ResultsTableQuery['status']; search: string; offset: number; limit: number }
  | { type: 'open'; line: number };

function isTableMessage(value: unknown): value is TableMessage {
  const type = (value as { type?: unknown } | undefined)?.type;
  return type === 'ready' || type === 'query' || type === 'open';
}

/**
 * The results table of one input: a webview (strict CSP with a nonce, no remote content; the page sets
 * every provider or file text with `textContent`) fed rows in pages, so 50,000 rows cost the webview only
 * the rows in view. A row click shows the request and its result.
 */
class ResultsTablePanel implements vscode.Disposable {
  private rows: ResultsTableRow[] = [];
  private filtered: Int32Array = new Int32Array(0);
  private query: ResultsTableQuery = { status: 'all', search: '' };
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    readonly panel: vscode.WebviewPanel,
    private session: ResultsSession,
    private readonly extensionUri: vscode.Uri,
    private readonly onDispose: () => void,
  ) {
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((message: unknown) => void this.receive(message)),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** (Re)builds the rows from the session and tells the page to start over. */
  async load(session: ResultsSession): Promise<void> {
    this.session = session;
    this.panel.title = vscode.l10n.t('{0} (table)', session.inputName);
    this.rows = await buildResultsTableRows(session.join);
    this.filtered = filterResultsTableRows(this.rows, this.query);
    this.reset();
  }

  /** Tells the page to start over, with its title, counts and the words it shows (the page cannot call l10n). */
  private reset(): void {
    const statuses = { all: vscode.l10n.t('All'), succeeded: vscode.l10n.t('Succeeded'), failed: vscode.l10n.t('Failed'), missing: vscode.l10n.t('Missing') };
    const rowStatuses = { succeeded: vscode.l10n.t('succeeded'), failed: vscode.l10n.t('failed'), missing: vscode.l10n.t('missing') };
    const text = { statuses, rowStatuses, oneRow: vscode.l10n.t('1 row'), rows: vscode.l10n.t('{0} rows'), filtered: vscode.l10n.t('{0} of {1}'), statusCounts: vscode.l10n.t('{0} ({1})') };
    void this.panel.webview.postMessage({ type: 'reset', title: vscode.l10n.t('Results of {0}', this.session.inputName), counts: countByStatus(this.rows), text, locale: vscode.env.language });
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.onDispose();
  }

  private async receive(message: unknown): Promise<void> {
    if (!isTableMessage(message)) return;
    switch (message.type) {
      case 'ready':
        this.reset();
        return;
      case 'query':
        this.answerQuery(message);
        return;
      case 'open':
        await revealRequestAndResult(this.session, message.line);
    }
  }

  private answerQuery(message: Extract<TableMessage, { type: 'query' }>): void {
    const query: ResultsTableQuery = { status: message.status, search: String(message.search ?? '') };
    if (query.status !== this.query.status || query.search !== this.query.search) {
      this.query = query;
      this.filtered = filterResultsTableRows(this.rows, query);
    }
    const offset = Math.max(0, Math.floor(message.offset));
    const limit = Math.min(MAX_PAGE, Math.max(0, Math.floor(message.limit)));
    const rows = Array.from(this.filtered.subarray(offset, offset + limit), (index) => this.rows[index]);
    void this.panel.webview.postMessage({ type: 'rows', requestId: message.requestId, total: this.filtered.length, offset, rows });
  }

  private html(): string {
    const nonce = randomBytes(16).toString('base64');
    const webview = this.panel.webview;
    const media = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', name));
    const csp = [`default-src 'none'`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="${vscode.env.language}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${media('resultsTable.css')}">
<title>${vscode.l10n.t('Results table')}</title>
</head>
<body>
<header>
  <h1 id="title"></h1>
  <div class="controls">
    <select id="status" aria-label="${vscode.l10n.t('Status')}">
      <option value="all">${vscode.l10n.t('All')}</option>
      <option value="succeeded">${vscode.l10n.t('Succeeded')}</option>
      <option value="failed">${vscode.l10n.t('Failed')}</option>
      <option value="missing">${vscode.l10n.t('Missing')}</option>
    </select>
    <input id="search" type="search" placeholder="${vscode.l10n.t('Search custom_id, prompt, answer, error')}" aria-label="${vscode.l10n.t('Search')}">
    <span id="count"></span>
  </div>
  <div class="row head" role="row">
    <span>custom_id</span><span>${vscode.l10n.t('Status')}</span><span>${vscode.l10n.t('Prompt')}</span><span>${vscode.l10n.t('Answer')}</span><span class="number">${vscode.l10n.t('Tokens')}</span><span>${vscode.l10n.t('Error')}</span>
  </div>
</header>
<main id="viewport" role="grid" tabindex="0"><div id="spacer"></div></main>
<script nonce="${nonce}" src="${media('resultsTable.js')}"></script>
</body>
</html>`;
  }
}

/** Shows the request and its result at `line` (0-based): the input and the aligned results, both scrolled there. */
async function revealRequestAndResult(session: ResultsSession, line: number): Promise<void> {
  const visibleColumn = (uri: vscode.Uri) => vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString())?.viewColumn;
  const input = await vscode.window.showTextDocument(session.input, { viewColumn: visibleColumn(session.input) ?? vscode.ViewColumn.One, preview: false });
  const aligned = await vscode.workspace.openTextDocument(session.alignedUri);
  const results = await vscode.window.showTextDocument(aligned, { viewColumn: visibleColumn(session.alignedUri) ?? vscode.ViewColumn.Beside, preserveFocus: true, preview: false });
  for (const editor of [results, input]) {
    const position = new vscode.Position(Math.min(line, editor.document.lineCount - 1), 0);
    editor.selection = new vscode.Selection(position, position);
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }
}

/** "Open Results Table": one panel per input, beside the editor; reloaded when its results reload. */
export function registerResultsTableCommand(context: vscode.ExtensionContext, loader: ResultsLoader, sessions: ResultsSessions): vscode.Disposable {
  const panels = new Map<string, ResultsTablePanel>();
  return vscode.Disposable.from(
    sessions.onDidChange((input) => {
      const panel = panels.get(input.toString());
      const session = sessions.sessionOf(input);
      if (panel && session) void panel.load(session);
    }),
    registerCommand(COMMANDS.openResultsTable, async (target?: unknown) => {
      const session = await loader.sessionFor(target);
      if (!session) return undefined;
      const key = session.input.toString();
      let table = panels.get(key);
      if (table) {
        table.panel.reveal(undefined, true);
      } else {
        const panel = vscode.window.createWebviewPanel('batchStudio.resultsTable', vscode.l10n.t('{0} (table)', session.inputName), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: false }, {
          enableScripts: true,
          retainContextWhenHidden: false,
          localResourceRoots: [vscode.Uri.joinPath(context.extensionUri, 'media')],
        });
        table = new ResultsTablePanel(panel, session, context.extensionUri, () => panels.delete(key));
        panels.set(key, table);
      }
      await table.load(session);
      return table.panel;
    }),
    { dispose: () => [...panels.values()].forEach((table) => table.panel.dispose()) },
  );
}
