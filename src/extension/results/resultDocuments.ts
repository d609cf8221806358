import * as vscode from 'vscode';
import { readResultJson } from '../../core/results';
import type { ResultsSessions } from './resultsSessions';
import { ALIGNED_RESULTS_SCHEME, FULL_RESULT_SCHEME, inputOfResultsUri } from './resultsUris';

/** Serves the aligned results documents: read-only, rebuilt from the session whenever it reloads. */
class AlignedResultsProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChange = this.changeEmitter.event;

  constructor(private readonly sessions: ResultsSessions) {
    this.subscription = sessions.onDidChange((input) => {
      const session = sessions.sessionOf(input);
      if (session) this.changeEmitter.fire(session.alignedUri);
    });
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    // Without a session (e.g. a window reloaded with the tab open) an empty document keeps no stale lines.
    return this.sessions.sessionOf(uri)?.alignedText() ?? '';
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

/** Serves one request's full result line as formatted JSON, read from disk when opened. */
class FullResultProvider implements vscode.TextDocumentContentProvider {
  constructor(private readonly sessions: ResultsSessions) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const line = inputOfResultsUri(uri)?.line;
    const result = line === undefined ? undefined : this.sessions.sessionOf(uri)?.resultAtLine(line);
    if (!result?.source) return JSON.stringify({ custom_id: result?.customId, status: result?.status ?? 'unknown', note: 'no result line' }, null, 2);
    return readResultJson(result.source);
  }
}

/** Closing the aligned results document ends its session: diagnostics and hints go with it. */
export function registerResultDocuments(sessions: ResultsSessions): vscode.Disposable {
  const aligned = new AlignedResultsProvider(sessions);
  return vscode.Disposable.from(
    aligned,
    vscode.workspace.registerTextDocumentContentProvider(ALIGNED_RESULTS_SCHEME, aligned),
    vscode.workspace.registerTextDocumentContentProvider(FULL_RESULT_SCHEME, new FullResultProvider(sessions)),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme !== ALIGNED_RESULTS_SCHEME) return;
      const input = inputOfResultsUri(document.uri)?.input;
      if (input) sessions.remove(input);
    }),
  );
}
