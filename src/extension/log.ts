import * as vscode from 'vscode';

/** The "Batch Studio" log channel; every raw error goes here, never a key. */
export function createLog(context: vscode.ExtensionContext): vscode.LogOutputChannel {
  const log = vscode.window.createOutputChannel('Batch Studio', { log: true });
  context.subscriptions.push(log);
  return log;
}
