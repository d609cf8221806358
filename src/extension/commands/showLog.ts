import * as vscode from 'vscode';

export function registerShowLogCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(vscode.commands.registerCommand('batchStudio.showLog', () => log.show(true)));
}
