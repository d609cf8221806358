import * as vscode from 'vscode';
import type { BatchStudioConfiguration } from '../configuration';
import type { LocalEmulator } from '../emulator/localEmulator';
import { registerActiveProfileKeyContext } from './activeProfileKeyContext';
import { ApiKeys } from './apiKeys';
import { registerClearApiKeyCommand } from './clearApiKeyCommand';
import { ProfileCatalog } from './profileCatalog';
import { registerProfileFormCommands } from './profileFormCommands';
import { ProfileProviders } from './profileProviders';
import { registerProfileStatusBar } from './profileStatusBar';
import { registerSelectProfileCommand } from './selectProfileCommand';
import { registerSetApiKeyCommand } from './setApiKeyCommand';

export interface ProfilesFeature {
  profiles: ProfileCatalog;
  keys: ApiKeys;
  providers: ProfileProviders;
}

/** Provider profiles, their keys, the active-profile status bar item and the profile commands. */
export function registerProfiles(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  emulator: LocalEmulator,
  log: vscode.LogOutputChannel,
): ProfilesFeature {
  const profiles = new ProfileCatalog(configuration, context.globalState, log);
  const keys = new ApiKeys(context.secrets);
  const providers = new ProfileProviders(profiles, keys, emulator, vscode.Uri.joinPath(context.globalStorageUri, 'local-batches').fsPath, log);
  context.subscriptions.push(profiles);
  registerProfileStatusBar(context, profiles);
  registerActiveProfileKeyContext(context, profiles, keys);
  registerSelectProfileCommand(context, profiles, keys);
  registerSetApiKeyCommand(context, profiles, keys);
  registerClearApiKeyCommand(context, profiles, keys);
  registerProfileFormCommands(context, configuration, profiles, keys);
  return { profiles, keys, providers };
}
