import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ResultsSession } from './resultsSession';
import type { ResultsSessions } from './resultsSessions';

export const RESULTS_DIAGNOSTIC_SOURCE = 'Batch Studio Results';

/** Per kind, lines marked one by one up to this many; the rest are counted on the first line. */
const MAX_MARKED_LINES = 1000;
const MAX_IDS_NAMED = 10;

function named(ids: readonly string[]): string {
  const listed = ids.slice(0, MAX_IDS_NAMED).map((id) => JSON.stringify(id)).join(', ');
  return ids.length > MAX_IDS_NAMED ? `${listed} and ${ids.length - MAX_IDS_NAMED} more` : listed;
}

function diagnostic(line: number, message: string, code: string): vscode.Diagnostic {
  const result = new vscode.Diagnostic(new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER), message, vscode.DiagnosticSeverity.Warning);
  result.source = RESULTS_DIAGNOSTIC_SOURCE;
  result.code = code;
  return result;
}

/** One diagnostic per input line whose id is in `ids`, at most `MAX_MARKED_LINES`, then one that counts the rest. */
function markLines(session: ResultsSession, ids: readonly string[], code: string, message: (id: string) => string, out: vscode.Diagnostic[]): void {
  if (!ids.length) return;
  const wanted = new Set(ids);
  const lines = session.join.results.filter((result) => wanted.has(result.customId));
  for (const result of lines.slice(0, MAX_MARKED_LINES)) out.push(diagnostic(result.line, message(result.customId), code));
  if (lines.length > MAX_MARKED_LINES) {
    out.push(diagnostic(0, `${lines.length - MAX_MARKED_LINES} more lines have the same problem (${code}); the results summary lists them.`, code));
  }
}

/** Missing, duplicated and unknown ids (and unreadable result lines) as warnings on the input. */
function completenessDiagnostics(session: ResultsSession): vscode.Diagnostic[] {
  const { join } = session;
  const out: vscode.Diagnostic[] = [];
  markLines(session, join.missing, 'result-missing', (id) => `No result for custom_id ${JSON.stringify(id)}: it is in neither the output nor the error file.`, out);
  markLines(
    session,
    join.duplicates,
    'result-duplicate',
    (id) => `custom_id ${JSON.stringify(id)} has more than one result line; the first success (else the first line) is shown.`,
    out,
  );
  if (join.unknown.length) {
    out.push(diagnostic(0, `${join.unknown.length} result${join.unknown.length === 1 ? ' has a custom_id' : 's have custom_ids'} not in this file: ${named(join.unknown)}. Were the results paired with the right input?`, 'result-unknown'));
  }
  if (join.unreadableResultLines.length) {
    const where = join.unreadableResultLines.slice(0, MAX_IDS_NAMED).map(({ path: file, line }) => `${path.basename(file)}:${line + 1}`);
    out.push(diagnostic(0, `${join.unreadableResultLines.length} result lines are not JSON objects with a custom_id: ${where.join(', ')}.`, 'result-unreadable'));
  }
  return out;
}

/** Keeps the input's completeness diagnostics in step with its results session. */
export function registerCompletenessDiagnostics(sessions: ResultsSessions): vscode.Disposable {
  const collection = vscode.languages.createDiagnosticCollection('batch-studio-results');
  const subscription = sessions.onDidChange((input) => {
    const session = sessions.sessionOf(input);
    collection.set(input, session ? completenessDiagnostics(session) : undefined);
  });
  return vscode.Disposable.from(subscription, collection);
}
