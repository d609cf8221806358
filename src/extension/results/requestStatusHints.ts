import * as vscode from 'vscode';
import { locateCustomId } from '../../core/results/requestCustomId';
import { statusLabel } from './resultPresentation';
import type { ResultsSessions } from './resultsSessions';

/**
 * After each request's `custom_id` on an input with loaded results: its status and tokens. Inlay hints
 * rather than CodeLens: they add no lines, and VS Code asks only for the visible range, so a 50,000-line
 * input costs the same as a short one.
 */
class RequestStatusHints implements vscode.InlayHintsProvider, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  private readonly subscription: vscode.Disposable;
  readonly onDidChangeInlayHints = this.changeEmitter.event;

  constructor(private readonly sessions: ResultsSessions) {
    this.subscription = sessions.onDidChange(() => this.changeEmitter.fire());
  }

  provideInlayHints(document: vscode.TextDocument, range: vscode.Range, token: vscode.CancellationToken): vscode.InlayHint[] {
    const session = this.sessions.sessionOf(document.uri);
    if (!session || session.input.toString() !== document.uri.toString()) return [];
    const hints: vscode.InlayHint[] = [];
    const last = Math.min(range.end.line, document.lineCount - 1);
    for (let line = range.start.line; line <= last && !token.isCancellationRequested; line++) {
      const located = locateCustomId(document.lineAt(line).text);
      const result = located && session.resultForCustomId(located.customId);
      if (!located || !result) continue;
      const hint = new vscode.InlayHint(new vscode.Position(line, located.end), statusLabel(result));
      hint.paddingLeft = true;
      hints.push(hint);
    }
    return hints;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }
}

export function registerRequestStatusHints(sessions: ResultsSessions): vscode.Disposable {
  const hints = new RequestStatusHints(sessions);
  return vscode.Disposable.from(hints, vscode.languages.registerInlayHintsProvider({ scheme: 'file' }, hints));
}
