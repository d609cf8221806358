import * as vscode from 'vscode';
import type { LocalEmulator } from './localEmulator';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** "Stop Local Emulator": stops the in-process emulator; its jobs stay on disk for the next start. */
export function registerStopEmulatorCommand(context: vscode.ExtensionContext, emulator: LocalEmulator): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.stopEmulator, async () => {
      const stopped = await emulator.stop();
      void vscode.window.showInformationMessage(
        stopped ? vscode.l10n.t('Local batch emulator stopped. Its jobs are kept; it starts again when the emulator profile is next used.') : vscode.l10n.t('The local batch emulator is not running.'),
      );
    }),
  );
}
