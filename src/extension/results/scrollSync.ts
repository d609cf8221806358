import * as vscode from 'vscode';
import type { BatchStudioConfiguration } from '../configuration';
import type { ResultsSessions } from './resultsSessions';

/**
 * Lines VS Code keeps above a line revealed "at top": sticky scroll reserves 5, `cursorSurroundingLines`
 * may ask for more, never over half the viewport (as the editor's own reveal computes it). Revealing
 * `top + padding` puts `top` at the top.
 */
function revealPadding(editor: vscode.TextEditor): number {
  const settings = vscode.workspace.getConfiguration('editor', editor.document);
  const surrounding = Math.max(settings.get<number>('cursorSurroundingLines') ?? 0, settings.get<boolean>('stickyScroll.enabled') ? 5 : 0);
  const visible = editor.visibleRanges[0];
  const viewportLines = visible ? visible.end.line - visible.start.line + 1 : 0;
  return Math.floor(Math.min(viewportLines / 2, surrounding));
}

/** Scrolls `editor` so that `top` is its first visible line. */
export function scrollToTop(editor: vscode.TextEditor, top: number): void {
  const line = Math.min(top + revealPadding(editor), editor.document.lineCount - 1);
  editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
}

/**
 * Scrolls an input and its aligned results together (`batchStudio.results.syncScroll`). Revealing a line
 * in the partner makes it report its own scroll; that echo is dropped instead of being mirrored back,
 * so the two never chase each other.
 */
export class ResultsScrollSync implements vscode.Disposable {
  /** Editors we just scrolled: their next scroll report is our own echo. */
  private readonly revealing = new WeakSet<vscode.TextEditor>();
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly sessions: ResultsSessions,
    private readonly configuration: BatchStudioConfiguration,
  ) {
    this.subscription = vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.mirror(event.textEditor, event.visibleRanges));
  }

  dispose(): void {
    this.subscription.dispose();
  }

  private mirror(editor: vscode.TextEditor, visibleRanges: readonly vscode.Range[]): void {
    const top = visibleRanges[0]?.start.line;
    if (top === undefined) return;
    if (this.revealing.delete(editor)) return;
    if (!this.configuration.resultsSyncScroll()) return;
    const partner = this.partnerOf(editor);
    if (!partner || partner.visibleRanges[0]?.start.line === top) return;
    this.revealing.add(partner);
    scrollToTop(partner, top);
  }

  /** The visible editor showing the other half of the pair, if any. */
  private partnerOf(editor: vscode.TextEditor): vscode.TextEditor | undefined {
    const session = this.sessions.sessionOf(editor.document.uri);
    if (!session) return undefined;
    const own = editor.document.uri.toString();
    const other = own === session.alignedUri.toString() ? session.input.toString() : own === session.input.toString() ? session.alignedUri.toString() : undefined;
    return other === undefined ? undefined : vscode.window.visibleTextEditors.find((candidate) => candidate.document.uri.toString() === other);
  }
}
