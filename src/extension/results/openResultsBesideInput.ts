import * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import type { ResultsLoader } from './resultsLoader';
import type { ResultsSession } from './resultsSession';
import { scrollToTop } from './scrollSync';
import { showResultsBesideInput } from './showResults';
import { toUri } from './resultsUris';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What callers (the Jobs feature, tests, scripts) may pass to skip the dialogs. */
export interface OpenResultsArguments {
  input?: vscode.Uri | string;
  output?: vscode.Uri | string;
  errors?: vscode.Uri | string;
  job?: Job;
  /** Scroll both editors to the first failed request (Show Errors). */
  reveal?: 'firstFailure';
}

type FileRole = 'input' | 'results' | 'other';

/** Whether the active editor holds batch requests or results, judged by its first line's keys. */
function roleOf(document: vscode.TextDocument | undefined): FileRole {
  if (!document || document.uri.scheme !== 'file' || document.lineCount === 0) return 'other';
  try {
    const first: unknown = JSON.parse(document.lineAt(0).text);
    if (!first || typeof first !== 'object' || !('custom_id' in first)) return 'other';
    if ('response' in first || 'error' in first) return 'results';
    return 'body' in first || 'url' in first ? 'input' : 'other';
  } catch {
    return 'other';
  }
}

async function pick(title: string, canSelectMany: boolean, near: vscode.Uri | undefined): Promise<vscode.Uri[] | undefined> {
  const picked = await vscode.window.showOpenDialog({
    title,
    canSelectMany,
    defaultUri: near && vscode.Uri.joinPath(near, '..'),
    filters: { 'JSON Lines': ['jsonl', 'json'], 'All files': ['*'] },
  });
  return picked?.length ? picked : undefined;
}

/** The input the command was given, or the active editor when it holds batch requests. */
function inputToPair(args: OpenResultsArguments): vscode.Uri | undefined {
  const given = toUri(args.input);
  if (given) return given;
  const active = vscode.window.activeTextEditor?.document;
  return active && roleOf(active) === 'input' ? active.uri : undefined;
}

/**
 * The files to pair: given ones first, then the active editor (a results file or an input), then dialogs
 * for whatever is still missing. Results are the output and, optionally, the error file.
 */
async function filesToPair(args: OpenResultsArguments): Promise<{ input: vscode.Uri; results: vscode.Uri[] } | undefined> {
  let input = toUri(args.input);
  let results = [toUri(args.output), toUri(args.errors)].filter((uri): uri is vscode.Uri => uri !== undefined);
  const active = vscode.window.activeTextEditor?.document;
  const activeRole = roleOf(active);
  if (!results.length && activeRole === 'results' && active) results = [active.uri];
  if (!input && activeRole === 'input' && active && !results.some((uri) => uri.toString() === active.uri.toString())) input = active.uri;
  if (!results.length) {
    results = (await pick('Pick the results: the output file, and the error file if there is one', true, input)) ?? [];
    if (!results.length) return undefined;
  }
  input ??= (await pick('Pick the input file these results belong to', false, results[0]))?.[0];
  return input && { input, results: results.slice(0, 2) };
}

/** Puts the first failed request at the top of both editors, its line selected in the input. */
function revealFirstFailure(session: ResultsSession, shown: { input: vscode.TextEditor; results: vscode.TextEditor }): void {
  const failure = session.join.results.find((result) => result.status === 'failed');
  if (!failure) return;
  const position = new vscode.Position(failure.line, 0);
  shown.input.selection = new vscode.Selection(position, position);
  scrollToTop(shown.input, failure.line);
  scrollToTop(shown.results, failure.line);
}

/**
 * "Open Results Beside Input": pairs any output (and error) file with its input and shows them side by
 * side. On an input whose latest job has results, those open directly; the pickers are for the rest.
 */
export function registerOpenResultsBesideInputCommand(loader: ResultsLoader): vscode.Disposable {
  return registerCommand(COMMANDS.openResultsBesideInput, async (args: OpenResultsArguments = {}) => {
    const input = args.output || args.errors ? undefined : inputToPair(args);
    const job = input && loader.jobResults.latestJobWithResults(input.fsPath);
    if (job) {
      const session = await loader.sessionFor(job);
      return session && showResultsBesideInput(session);
    }
    const files = await filesToPair(args);
    if (!files) return undefined;
    const [output, errors] = files.results.map((uri) => uri.fsPath);
    const session = await loader.load({ input: files.input, output, errors, job: args.job });
    if (!session) return undefined;
    const shown = await showResultsBesideInput(session);
    if (args.reveal === 'firstFailure') revealFirstFailure(session, shown);
    return shown;
  });
}
