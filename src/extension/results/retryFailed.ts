import * as path from 'node:path';
import { rm } from 'node:fs/promises';
import * as vscode from 'vscode';
import { describeFailure, triageFailures, writeRetryFile, type JoinedResult, type RetryFile } from '../../core/results';
import type { ResultsLoader } from './resultsLoader';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import { describeFileError, errorMessage } from '../../core/errors';
import type { ResultsSession } from './resultsSession';

/** What a caller (a test, a script) may ask of Retry Failed instead of being asked. */
export interface RetryFailedOptions {
  /** Also resend the permanent failures, unchanged. */
  includePermanent?: boolean;
}

/** `invalid_value ×2, context_length_exceeded`: what the permanent failures are, in a few words. */
function codesOf(failures: readonly JoinedResult[]): string {
  const counts = new Map<string, number>();
  for (const failure of failures) {
    const code = failure.errorCode ?? String(failure.statusCode ?? 'error');
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const listed = [...counts].slice(0, 3).map(([code, count]) => (count > 1 ? `${code} ×${count}` : code));
  return `${listed.join(', ')}${counts.size > 3 ? ', …' : ''}`;
}

/** A pick list of the permanent failures; the one picked opens at its line in the input. */
async function showPermanentFailures(session: ResultsSession, failures: readonly JoinedResult[]): Promise<void> {
  const picked = await vscode.window.showQuickPick(
    failures.map((failure) => ({ label: vscode.l10n.t('Line {0}: {1}', failure.line + 1, failure.customId), detail: describeFailure(failure), failure })),
    { title: vscode.l10n.t('Permanent failures in {0}: fix them, then retry', session.inputName), matchOnDetail: true },
  );
  if (!picked) return;
  const line = new vscode.Range(picked.failure.line, 0, picked.failure.line, 0);
  await vscode.window.showTextDocument(session.input, { selection: line, preview: false });
}

async function writeAndOpen(session: ResultsSession, requests: readonly JoinedResult[]): Promise<RetryFile | undefined> {
  const retry = await writeRetryFile(session.join, requests);
  if (retry) await vscode.window.showTextDocument(vscode.Uri.file(retry.path), { preview: false });
  return retry;
}

async function submit(uri: vscode.Uri, log: vscode.LogOutputChannel): Promise<void> {
  try {
    await vscode.commands.executeCommand(COMMANDS.submit, uri);
  } catch (error) {
    log.error('Submitting the retry file failed:', error);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not submit {0}: {1}', path.basename(uri.fsPath), errorMessage(error)));
  }
}

/**
 * After the retry file is written: offers to submit it and, when permanent failures were left out, to show
 * them at their lines or to include them after all (which replaces the file just written).
 */
async function offerNextSteps(session: ResultsSession, retry: RetryFile | undefined, permanent: readonly JoinedResult[], log: vscode.LogOutputChannel): Promise<void> {
  const SUBMIT = vscode.l10n.t('Submit');
  const SHOW = vscode.l10n.t('Show Permanent Failures');
  const INCLUDE = vscode.l10n.t('Include Them');
  const leftOut = permanent.length ? ` ${vscode.l10n.t('{0} permanent failures ({1}) left out: they would fail again unchanged.', permanent.length, codesOf(permanent))}` : '';
  const choice = retry
    ? await vscode.window.showInformationMessage(
        vscode.l10n.t('{0} holds the {1} requests that can succeed on retry.', path.basename(retry.path), retry.requests) + leftOut,
        SUBMIT,
        ...(permanent.length ? [SHOW, INCLUDE] : []),
      )
    : await vscode.window.showWarningMessage(
        vscode.l10n.t('None of the failed requests in {0} can succeed unchanged: {1} permanent failures ({2}). Fix them first.', session.inputName, permanent.length, codesOf(permanent)),
        SHOW,
        INCLUDE,
      );
  if (choice === SUBMIT && retry) await submit(vscode.Uri.file(retry.path), log);
  if (choice === SHOW) await showPermanentFailures(session, permanent);
  if (choice === INCLUDE) {
    if (retry) await rm(retry.path, { force: true });
    const all = await writeAndOpen(session, triageFailures(session.join).retryable.concat(permanent));
    if (all) await offerNextSteps(session, all, [], log);
  }
}

/**
 * "Retry Failed": `<name>.retry-N.batch.jsonl` beside the input with the failed requests that can succeed
 * if sent again (429, 5xx, expired, missing, timeouts: see `failureKind`), opened, with an offer to submit
 * it; permanent failures (other 4xx) are left out, listed, and can be opened at their lines or included.
 * Resolves to the file's URI.
 */
export function registerRetryFailedCommand(loader: ResultsLoader, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(COMMANDS.retryFailed, async (target?: unknown, options: RetryFailedOptions = {}) => {
    const session = await loader.sessionFor(target);
    if (!session) return undefined;
    const { retryable, permanent } = triageFailures(session.join);
    if (!retryable.length && !permanent.length) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Every request in {0} succeeded: nothing to retry.', session.inputName));
      return undefined;
    }
    let retry;
    try {
      retry = await writeAndOpen(session, options.includePermanent ? [...retryable, ...permanent] : retryable);
    } catch (error) {
      log.error(`Writing the retry file of ${session.input.fsPath} failed:`, error);
      void vscode.window.showErrorMessage(vscode.l10n.t('Could not write the retry file beside {0}: {1}', session.inputName, describeFileError(error)));
      return undefined;
    }
    // Not awaited: the command is done once the file is open, whether or not the user answers.
    void offerNextSteps(session, retry, options.includePermanent ? [] : permanent, log);
    return retry && vscode.Uri.file(retry.path);
  });
}
