import * as vscode from 'vscode';
import type { Profile } from '../../core/providers';
import { describeApiKeySource, type ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';
import { isInProcessEmulator } from './profileProviders';
import { COMMANDS, settingKey } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

interface ProfileItem extends vscode.QuickPickItem {
  profile?: Profile;
}


/** "Select Profile": a quick pick of every profile, with its address and where its key comes from. */
export function registerSelectProfileCommand(context: vscode.ExtensionContext, profiles: ProfileCatalog, keys: ApiKeys): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.selectProfile, async () => {
      const active = profiles.active();
      const items: ProfileItem[] = await Promise.all(
        profiles.all().map(async (profile) => ({
          label: `${profile.name === active.name ? '$(check) ' : ''}${profile.name}`,
          description: `${profile.kind} · ${isInProcessEmulator(profile) ? vscode.l10n.t('in-process, loopback') : profile.baseUrl} · ${describeApiKeySource((await keys.resolve(profile)).source)}`,
          profile,
        })),
      );
      const editProfiles: ProfileItem = { label: `$(settings-gear) ${vscode.l10n.t('Edit Profiles in User Settings…')}`, alwaysShow: true };
      const picked = await vscode.window.showQuickPick([...items, { label: '', kind: vscode.QuickPickItemKind.Separator }, editProfiles], {
        title: `Batch Studio: ${vscode.l10n.t('Select Profile')}`,
        placeHolder: vscode.l10n.t('Submit batch files to… (now: {0})', active.name),
      });
      if (!picked) return;
      if (!picked.profile) {
        await vscode.commands.executeCommand('workbench.action.openSettings', settingKey('profiles'));
        return;
      }
      await profiles.select(picked.profile.name);
    }),
  );
}
