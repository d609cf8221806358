import * as vscode from 'vscode';
import type { ResultsSession } from './resultsSession';
import { scrollToTop } from './scrollSync';

function visibleEditorOf(uri: vscode.Uri): vscode.TextEditor | undefined {
  return vscode.window.visibleTextEditors.find((editor) => editor.document.uri.toString() === uri.toString());
}

/**
 * Shows the input (where it already is, else in the active group) and its aligned results beside it
 * without taking the focus, as REST Client shows a response: the input stays where the user reads.
 * Both start at the input's first visible line.
 */
export async function showResultsBesideInput(session: ResultsSession): Promise<{ input: vscode.TextEditor; results: vscode.TextEditor }> {
  const shownInput = visibleEditorOf(session.input);
  const input = await vscode.window.showTextDocument(session.input, { viewColumn: shownInput?.viewColumn, preview: false });
  const shownResults = visibleEditorOf(session.alignedUri);
  const column = shownResults && shownResults.viewColumn !== input.viewColumn ? shownResults.viewColumn : vscode.ViewColumn.Beside;
  const document = await vscode.workspace.openTextDocument(session.alignedUri);
  const results = await vscode.window.showTextDocument(document, { viewColumn: column, preserveFocus: true, preview: false });
  scrollToTop(results, input.visibleRanges[0]?.start.line ?? 0);
  return { input, results };
}

/** Shows `uri` at `line` (0-based), selected: in its visible editor, else beside the active one. */
export async function revealLine(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
  const shown = visibleEditorOf(uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.Beside, preview: false });
  const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}
