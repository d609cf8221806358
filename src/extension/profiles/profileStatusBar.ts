import * as vscode from 'vscode';
import type { ProfileCatalog } from './profileCatalog';
import { isInProcessEmulator } from './profileProviders';
import { COMMANDS } from '../../core/contributionIds';

/** The active profile in the status bar; a click opens Select Profile. */
export function registerProfileStatusBar(context: vscode.ExtensionContext, profiles: ProfileCatalog): void {
  const item = vscode.window.createStatusBarItem('batchStudio.profile', vscode.StatusBarAlignment.Left, 49);
  item.name = `Batch Studio: ${vscode.l10n.t('Profile')}`;
  item.command = COMMANDS.selectProfile;
  const refresh = (): void => {
    const profile = profiles.active();
    item.text = `$(plug) ${profile.name}`;
    item.tooltip = vscode.l10n.t(
      'Batch Studio submits to "{0}" ({1}). Click to select another profile.',
      profile.name,
      isInProcessEmulator(profile) ? vscode.l10n.t('the local emulator, started on demand') : profile.baseUrl,
    );
  };
  refresh();
  item.show();
  context.subscriptions.push(item, profiles.onDidChange(refresh));
}
