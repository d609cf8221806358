import * as vscode from 'vscode';
import type { ProfileCatalog } from './profileCatalog';
import { isInProcessEmulator } from './profileProviders';
import { COMMANDS } from '../../core/contributionIds';

/** The active profile in the status bar; a click opens Select Profile. */
export function registerProfileStatusBar(context: vscode.ExtensionContext, profiles: ProfileCatalog): void {
  const item = vscode.window.createStatusBarItem('batchStudio.profile', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Batch Studio: Profile';
  item.command = COMMANDS.selectProfile;
  const refresh = (): void => {
    const profile = profiles.active();
    item.text = `$(plug) ${profile.name}`;
    item.tooltip = `Batch Studio submits to "${profile.name}" (${isInProcessEmulator(profile) ? 'the local emulator, started on demand' : profile.baseUrl}). Click to select another profile.`;
  };
  refresh();
  item.show();
  context.subscriptions.push(item, profiles.onDidChange(refresh));
}
