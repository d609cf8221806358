import * as vscode from 'vscode';
import type { BatchStudioConfiguration } from '../configuration';
import { LocalEmulator } from './localEmulator';
import { registerStartEmulatorCommand } from './startEmulatorCommand';
import { registerStopEmulatorCommand } from './stopEmulatorCommand';

/** The in-process emulator (kept in global storage, stopped on deactivate) and its Start/Stop commands. */
export function registerLocalEmulator(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  log: vscode.LogOutputChannel,
): LocalEmulator {
  const emulator = new LocalEmulator(vscode.Uri.joinPath(context.globalStorageUri, 'emulator').fsPath, log, () =>
    configuration.emulatorRequestsPerSecond(),
  );
  context.subscriptions.push(emulator);
  registerStartEmulatorCommand(context, emulator);
  registerStopEmulatorCommand(context, emulator);
  return emulator;
}
