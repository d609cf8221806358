import * as vscode from 'vscode';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from './registerCommand';

export function registerShowLogCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(registerCommand(COMMANDS.showLog, () => log.show(true)));
}
