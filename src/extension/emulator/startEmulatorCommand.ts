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
        void vscode.window.showInformationMessage(vscode.l10n.t('Local batch emulator listening on {0}. The profile "Emulator (local, no key)" submits to it.', baseUrl));
        return baseUrl;
      } catch {
        const choice = await vscode.window.showErrorMessage(vscode.l10n.t('The local batch emulator could not start; the log says why.'), vscode.l10n.t('Show Log'));
        if (choice) await vscode.commands.executeCommand(COMMANDS.showLog);
        return undefined;
      }
    }),
  );
}
