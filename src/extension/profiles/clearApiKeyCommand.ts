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
      const then = fallback ? ` ${fallback} from the environment will be used.` : '';
      void vscode.window.showInformationMessage(
        removed ? `Removed the stored API key of "${profile.name}".${then}` : `"${profile.name}" has no stored API key.${then}`,
      );
    }),
  );
}
