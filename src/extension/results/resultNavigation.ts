import * as vscode from 'vscode';
import { locateCustomId } from '../../core/results/requestCustomId';
import type { ResultsSession } from './resultsSession';
import type { ResultsSessions } from './resultsSessions';
import { revealLine } from './showResults';
import { fullResultUri, toUri } from './resultsUris';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

interface LineInSession {
  session: ResultsSession;
  /** 0-based; the same on the input and its aligned results. */
  line: number;
}

/**
 * The line a navigation command acts on: the arguments of a hover link (`[uri, line]`), else the cursor
 * in the active editor. On an input, the request's `custom_id` decides the line, as edits may have moved it.
 */
function lineInSession(sessions: ResultsSessions, target: unknown, lineArgument: unknown): LineInSession | undefined {
  const editor = vscode.window.activeTextEditor;
  const uri = toUri(target) ?? editor?.document.uri;
  const session = uri && sessions.sessionOf(uri);
  if (!session) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No results are loaded for this file. Run "Open Results" on its job, or "Open Results Beside Input…".'));
    return undefined;
  }
  if (typeof lineArgument === 'number') return { session, line: lineArgument };
  const line = editor?.selection.active.line ?? 0;
  if (editor?.document.uri.toString() === session.input.toString()) {
    const located = locateCustomId(editor.document.lineAt(line).text);
    const result = located && session.resultForCustomId(located.customId);
    if (result) return { session, line: result.line };
  }
  return { session, line };
}

export function registerResultNavigation(sessions: ResultsSessions): vscode.Disposable {
  return vscode.Disposable.from(
    registerCommand(COMMANDS.goToResult, async (target?: unknown, line?: unknown) => {
      const found = lineInSession(sessions, target, line);
      return found && revealLine(found.session.alignedUri, found.line);
    }),
    registerCommand(COMMANDS.goToRequest, async (target?: unknown, line?: unknown) => {
      const found = lineInSession(sessions, target, line);
      return found && revealLine(found.session.input, found.line);
    }),
    registerCommand(COMMANDS.openFullResult, async (target?: unknown, line?: unknown) => {
      const found = lineInSession(sessions, target, line);
      const result = found?.session.resultAtLine(found.line);
      if (!found || !result) return undefined;
      const document = await vscode.workspace.openTextDocument(fullResultUri(found.session.input, found.line, result.customId));
      return vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }),
  );
}
