import * as vscode from 'vscode';
import type { CommandId } from '../../core/contributionIds';

/**
 * The one way the extension registers a command: only ids from core/contributionIds, which a unit test
 * holds equal to package.json. The caller disposes the registration with the extension.
 */
export function registerCommand<Args extends unknown[]>(id: CommandId, handler: (...args: Args) => unknown): vscode.Disposable {
  return vscode.commands.registerCommand(id, handler as (...args: unknown[]) => unknown);
}
