import * as vscode from 'vscode';
import { joinResultsByCustomId } from '../../core/results';
import { type ResultFiles, ResultsSession } from './resultsSession';
import { inputOfResultsUri } from './resultsUris';

/** The context key menus use to offer result commands on inputs that have results loaded. */
const INPUTS_WITH_RESULTS_KEY = 'batchStudio.inputsWithResults';

/**
 * The loaded results, one session per input file. Views (the aligned document, diagnostics, inlay hints,
 * scroll sync) listen to `onDidChange` rather than asking again.
 */
export class ResultsSessions implements vscode.Disposable {
  private readonly sessions = new Map<string, ResultsSession>();
  /** The latest load per input: a slower, older load never replaces a newer one. */
  private readonly latestLoad = new Map<string, number>();
  private loadCount = 0;
  private readonly changeEmitter = new vscode.EventEmitter<vscode.Uri>();

  /** Fires with the input's URI when its results are loaded, reloaded or dropped. */
  readonly onDidChange = this.changeEmitter.event;

  /**
   * Joins the result files to the input (streamed from disk by the core) and keeps the session. Resolves
   * to undefined when a newer load of the same input started meanwhile. Rejects when a file cannot be read.
   */
  async load(files: ResultFiles): Promise<ResultsSession | undefined> {
    const key = files.input.toString();
    const load = ++this.loadCount;
    this.latestLoad.set(key, load);
    const join = await joinResultsByCustomId(files.input.fsPath, files.output, files.errors);
    if (this.latestLoad.get(key) !== load) return undefined;
    const session = new ResultsSession(files, join);
    this.sessions.set(key, session);
    this.announce(files.input);
    return session;
  }

  /** The session of an input, aligned results document or full result document. */
  sessionOf(uri: vscode.Uri): ResultsSession | undefined {
    const input = inputOfResultsUri(uri)?.input ?? uri;
    return this.sessions.get(input.toString());
  }

  all(): ResultsSession[] {
    return [...this.sessions.values()];
  }

  remove(input: vscode.Uri): void {
    if (this.sessions.delete(input.toString())) this.announce(input);
  }

  dispose(): void {
    this.sessions.clear();
    this.changeEmitter.dispose();
  }

  private announce(input: vscode.Uri): void {
    const paths = this.all().map((session) => session.input.fsPath);
    void vscode.commands.executeCommand('setContext', INPUTS_WITH_RESULTS_KEY, paths);
    this.changeEmitter.fire(input);
  }
}
