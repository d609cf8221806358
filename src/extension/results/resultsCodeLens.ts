import * as vscode from 'vscode';
import { formatCount } from '../../core/formatting';
import { COMMANDS } from '../../core/contributionIds';
import type { ResultsSessions } from './resultsSessions';
import { ALIGNED_RESULTS_SCHEME } from './resultsUris';

/**
 * "✓ 3 succeeded · ✗ 1 failed" (opens the summary) and "Open Table" above line 1 of an aligned results
 * document. Its input has the Submit lens there, so the two editors' rows also line up on screen.
 */
class ResultsCodeLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly sessions: ResultsSessions) {
    this.onDidChangeCodeLenses = (listener, thisArg, disposables) => sessions.onDidChange(() => listener.call(thisArg), undefined, disposables);
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const session = this.sessions.sessionOf(document.uri);
    if (!session) return [];
    const counts = { succeeded: 0, failed: 0, missing: 0 };
    for (const result of session.join.results) counts[result.status]++;
    const parts = [vscode.l10n.t('$(check) {0} succeeded', formatCount(counts.succeeded)), vscode.l10n.t('$(error) {0} failed', formatCount(counts.failed))];
    if (counts.missing > 0) parts.push(vscode.l10n.t('$(question) {0} missing', formatCount(counts.missing)));
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: parts.join(' · '), tooltip: vscode.l10n.t('Show the results summary'), command: COMMANDS.showResultsSummary, arguments: [session.input] }),
      new vscode.CodeLens(top, { title: vscode.l10n.t('Open Table'), tooltip: vscode.l10n.t('Show these results as a table'), command: COMMANDS.openResultsTable, arguments: [session.input] }),
    ];
  }
}

export function registerResultsCodeLens(sessions: ResultsSessions): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider({ scheme: ALIGNED_RESULTS_SCHEME }, new ResultsCodeLensProvider(sessions));
}
