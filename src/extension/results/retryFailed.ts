import * as path from 'node:path';
import * as vscode from 'vscode';
import { writeRetryFile } from '../../core/results';
import type { ResultsLoader } from './resultsLoader';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import { errorMessage } from '../../core/errors';

async function offerToSubmit(uri: vscode.Uri, requests: number, log: vscode.LogOutputChannel): Promise<void> {
  const choice = await vscode.window.showInformationMessage(
    `${path.basename(uri.fsPath)} holds the ${requests} failed, expired and missing request${requests === 1 ? '' : 's'}. Submit it?`,
    'Submit',
  );
  if (choice !== 'Submit') return;
  try {
    await vscode.commands.executeCommand(COMMANDS.submit, uri);
  } catch (error) {
    log.error('Submitting the retry file failed:', error);
    void vscode.window.showErrorMessage(`Could not submit ${path.basename(uri.fsPath)}: ${errorMessage(error)}`);
  }
}

/**
 * "Retry Failed": `<name>.retry-N.batch.jsonl` beside the input with exactly the failed, expired and
 * missing requests (their original lines), opened, with an offer to submit it. Resolves to its URI.
 */
export function registerRetryFailedCommand(loader: ResultsLoader, log: vscode.LogOutputChannel): vscode.Disposable {
  return registerCommand(COMMANDS.retryFailed, async (target?: unknown) => {
    const session = await loader.sessionFor(target);
    if (!session) return undefined;
    let retry;
    try {
      retry = await writeRetryFile(session.join);
    } catch (error) {
      log.error(`Writing the retry file of ${session.input.fsPath} failed:`, error);
      void vscode.window.showErrorMessage(`Could not write the retry file beside ${session.inputName}: ${errorMessage(error)}`);
      return undefined;
    }
    if (!retry) {
      void vscode.window.showInformationMessage(`Every request in ${session.inputName} succeeded: nothing to retry.`);
      return undefined;
    }
    const uri = vscode.Uri.file(retry.path);
    await vscode.window.showTextDocument(uri, { preview: false });
    // Not awaited: the command is done once the file is open, whether or not the user answers.
    void offerToSubmit(uri, retry.requests, log);
    return uri;
  });
}
