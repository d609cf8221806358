import * as vscode from 'vscode';
import type { LocalEmulator } from './localEmulator';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** "Start Local Emulator": starts (or finds) the in-process emulator; resolves with its base URL. */
export function registerStartEmulatorCommand(context: vscode.ExtensionContext, emulator: LocalEmulator): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.startEmulator, async (): Promise<string | undefined> => {
      try {
        const { baseUrl } = await emulator.start();
        void vscode.window.showInformationMessage(`Local batch emulator listening on ${baseUrl}. The profile "Emulator (local, no key)" submits to it.`);
        return baseUrl;
      } catch {
        const choice = await vscode.window.showErrorMessage('The local batch emulator could not start; the log says why.', 'Show Log');
        if (choice) await vscode.commands.executeCommand(COMMANDS.showLog);
        return undefined;
      }
    }),
  );
}
