import * as vscode from 'vscode';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/**
 * "Set API Key": a password input for the active profile (or the profile named by the caller, e.g. an
 * "authentication failed" message), stored in SecretStorage for that profile and its base URL's origin.
 * Resolves to true when a key was stored, so a caller can resume what needed it.
 */
export function registerSetApiKeyCommand(context: vscode.ExtensionContext, profiles: ProfileCatalog, keys: ApiKeys): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.setApiKey, async (profileName?: unknown) => {
      const profile = (typeof profileName === 'string' && profiles.get(profileName)) || profiles.active();
      const origin = new URL(profile.baseUrl).origin;
      const fallback = keys.environmentVariable(profile);
      const apiKey = await vscode.window.showInputBox({
        title: `Batch Studio: ${vscode.l10n.t('Set API Key for "{0}"', profile.name)}`,
        prompt: [
          vscode.l10n.t("Stored in VS Code's secret storage, used only for \"{0}\" at {1}.", profile.name, origin),
          ...(fallback ? [vscode.l10n.t('Without it, {0} from the environment is used; press Escape to keep using that.', fallback)] : []),
          ...(profile.kind === 'emulator' ? [vscode.l10n.t('The local emulator accepts any key, so it needs none.')] : []),
        ].join(' '),
        password: true,
        ignoreFocusOut: true,
        validateInput: (value) => (/\s/.test(value.trim()) ? vscode.l10n.t('An API key has no spaces.') : value.trim() ? undefined : vscode.l10n.t('Enter the key, or press Escape.')),
      });
      if (!apiKey?.trim()) return false;
      await keys.store(profile, apiKey.trim());
      void vscode.window.showInformationMessage(vscode.l10n.t('API key stored for "{0}" ({1}).', profile.name, origin));
      return true;
    }),
  );
}
