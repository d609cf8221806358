import * as vscode from 'vscode';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';

/** The context key the Jobs view's welcome text uses to offer "Set API Key". */
export const ACTIVE_PROFILE_NEEDS_KEY = 'batchStudio.activeProfileNeedsKey';

/** Keeps `batchStudio.activeProfileNeedsKey` true while the active profile has no key anywhere. */
export function registerActiveProfileKeyContext(context: vscode.ExtensionContext, profiles: ProfileCatalog, keys: ApiKeys): void {
  let generation = 0;
  const refresh = async (): Promise<void> => {
    const current = ++generation;
    const { source } = await keys.resolve(profiles.active());
    // A slower, older answer must not overwrite a newer one.
    if (current === generation) await vscode.commands.executeCommand('setContext', ACTIVE_PROFILE_NEEDS_KEY, source.kind === 'missing');
  };
  void refresh();
  context.subscriptions.push(
    profiles.onDidChange(() => void refresh()),
    context.secrets.onDidChange(() => void refresh()),
  );
}
