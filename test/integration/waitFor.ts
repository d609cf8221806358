import * as vscode from 'vscode';

/** What a wait is for, so that a wait that never ends fails saying what it saw last. */
export interface Expectation<T> {
  /** What should have happened, e.g. "job batch_1 completed". */
  what: string;
  /** The state at the moment of giving up, e.g. the job's status and counts; defaults to the last event. */
  lastState?: (lastEvent: T | undefined) => string;
}

/** Gives up a little before mocha's own 60 s test timeout, which would say only "Timeout exceeded". */
const GIVE_UP_MS = 50_000;

/**
 * Resolves with the first value `event` fires that satisfies `predicate`. Waits on the event only; the timer
 * is a guard that turns a wait that never ends into a failure naming what was expected and the last state seen.
 */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean = () => true, expectation?: Expectation<T>): Promise<T> {
  const waiting = new Promise<T>((resolve, reject) => {
    let lastEvent: T | undefined;
    let events = 0;
    const guard = setTimeout(() => {
      subscription.dispose();
      const state = expectation?.lastState ? expectation.lastState(lastEvent) : events ? JSON.stringify(lastEvent)?.slice(0, 500) : 'no event at all';
      reject(new Error(`${expectation?.what ?? 'the awaited event'} did not happen within ${GIVE_UP_MS / 1000} s (${events} events); last state seen: ${state}`));
    }, GIVE_UP_MS);
    const subscription = event((value) => {
      lastEvent = value;
      events++;
      if (predicate(value)) {
        clearTimeout(guard);
        subscription.dispose();
        resolve(value);
      }
    });
  });
  // A caller that found the state already there never awaits the wait: its give-up must not be an unhandled rejection.
  waiting.catch(() => undefined);
  return waiting;
}

/** Opens a file and resolves once VS Code has given it `languageId` (at once if it already has it). */
export async function openWithLanguage(file: string, languageId: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(file);
  const reopened = waitForEvent(
    vscode.workspace.onDidOpenTextDocument,
    (document) => document.uri.toString() === uri.toString() && document.languageId === languageId,
    { what: `${file} opened as ${languageId}`, lastState: () => `languageId ${vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString())?.languageId ?? '(not open)'}` },
  );
  const document = await vscode.workspace.openTextDocument(uri);
  return document.languageId === languageId ? document : reopened;
}
