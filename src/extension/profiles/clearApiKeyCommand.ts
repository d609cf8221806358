import * as vscode from 'vscode';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** "Clear API Key": removes the active profile's stored key, and says what will be used instead. */
export function registerClearApiKeyCommand(context: vscode.ExtensionContext, profiles: ProfileCatalog, keys: ApiKeys): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.clearApiKey, async () => {
      const profile = profiles.active();
      const removed = await keys.clear(profile);
      const fallback = keys.environmentVariable(profile);
      const what = removed ? vscode.l10n.t('Removed the stored API key of "{0}".', profile.name) : vscode.l10n.t('"{0}" has no stored API key.', profile.name);
      void vscode.window.showInformationMessage(fallback ? `${what} ${vscode.l10n.t('{0} from the environment will be used.', fallback)}` : what);
    }),
  );
}
