import * as vscode from 'vscode';
import type { Profile, ProfileKind } from '../../core/providers/profile';
import { profileKindChoices, baseUrlProblem, profileNameProblem, withProfileEntry } from '../../core/providers/profileForm';
import type { BatchStudioConfiguration } from '../configuration';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** Answers a caller may give instead of the form's steps (scripts and tests); each given one is not asked. */
export interface ProfileFormAnswers {
  kind?: ProfileKind;
  name?: string;
  baseUrl?: string;
  /** An empty string: no key (keep the stored one when editing). */
  apiKey?: string;
  /** Edit Profile: the profile to edit. */
  profile?: string;
}

const STEPS = 4;

function stepTitle(action: string, step: number): string {
  return `Batch Studio: ${action} (${step}/${STEPS})`;
}

async function askKind(action: string, current: ProfileKind | undefined): Promise<ProfileKind | undefined> {
  const items = profileKindChoices().map((choice) => ({ label: choice.label, detail: choice.detail, description: choice.kind, profileKind: choice.kind, picked: choice.kind === current }));
  const picked = await vscode.window.showQuickPick(items, { title: stepTitle(action, 1), placeHolder: vscode.l10n.t('What kind of batch API is it?'), ignoreFocusOut: true });
  return picked?.profileKind;
}

function askName(action: string, value: string | undefined, taken: string[]): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: stepTitle(action, 2),
    prompt: vscode.l10n.t('A name for the profile: it shows in Select Profile, in the status bar and on each job.'),
    value,
    ignoreFocusOut: true,
    validateInput: (text) => profileNameProblem(text, taken),
  });
}

function askBaseUrl(action: string, kind: ProfileKind, value: string | undefined): Thenable<string | undefined> {
  const example = profileKindChoices().find((choice) => choice.kind === kind)?.exampleUrl;
  return vscode.window.showInputBox({
    title: stepTitle(action, 3),
    prompt: vscode.l10n.t("The API's base URL, e.g. {0}. The key is sent only to this address.", example ?? ''),
    value: value ?? example,
    ignoreFocusOut: true,
    validateInput: (text) => baseUrlProblem(text),
  });
}

function askKey(action: string, profile: Profile, keepable: boolean): Thenable<string | undefined> {
  const origin = new URL(profile.baseUrl).origin;
  return vscode.window.showInputBox({
    title: stepTitle(action, 4),
    prompt:
      profile.kind === 'emulator'
        ? vscode.l10n.t('The emulator needs no key: press Enter.')
        : keepable
          ? vscode.l10n.t("The API key for \"{0}\", kept in VS Code's secret storage and sent only to {1}. Leave empty to keep the stored key.", profile.name, origin)
          : vscode.l10n.t("The API key for \"{0}\", kept in VS Code's secret storage and sent only to {1}. Leave empty to use an environment variable or set it later.", profile.name, origin),
    password: true,
    ignoreFocusOut: true,
    validateInput: (text) => (/\s/.test(text.trim()) ? vscode.l10n.t('An API key has no spaces.') : undefined),
  });
}

/**
 * Add Profile and Edit Profile: kind, name, base URL (validated) and key, step by step; the profile is
 * written to `batchStudio.profiles` in user settings and the key to secret storage.
 */
export function registerProfileFormCommands(context: vscode.ExtensionContext, configuration: BatchStudioConfiguration, profiles: ProfileCatalog, keys: ApiKeys): void {
  async function save(action: string, answers: ProfileFormAnswers, editing?: Profile): Promise<Profile | undefined> {
    const taken = profiles.all().map((profile) => profile.name).filter((name) => name !== editing?.name);
    const kind = answers.kind ?? (await askKind(action, editing?.kind));
    if (!kind) return undefined;
    const name = (answers.name ?? (await askName(action, editing?.name, taken)))?.trim();
    if (!name || profileNameProblem(name, taken)) return undefined;
    const baseUrl = (answers.baseUrl ?? (await askBaseUrl(action, kind, editing?.kind === kind ? editing.baseUrl : undefined)))?.trim();
    if (!baseUrl || baseUrlProblem(baseUrl)) return undefined;
    const profile: Profile = { name, kind, baseUrl };
    // A key stays usable only while the name and origin it was stored for stay the same.
    const keepable = editing !== undefined && editing.name === name && new URL(editing.baseUrl).origin === new URL(baseUrl).origin;
    const apiKey = (answers.apiKey ?? (await askKey(action, profile, keepable)))?.trim();
    if (apiKey === undefined) return undefined;
    await configuration.setUserProfileEntries(withProfileEntry(configuration.userProfileEntries(), profile, editing?.name));
    if (apiKey) await keys.store(profile, apiKey);
    const saved = apiKey
      ? vscode.l10n.t("Profile \"{0}\" saved in your user settings, its key in VS Code's secret storage.", name)
      : vscode.l10n.t('Profile "{0}" saved in your user settings.', name);
    void vscode.window.showInformationMessage(saved, vscode.l10n.t('Select It')).then(async (choice) => {
      if (choice) await profiles.select(name);
    });
    return profile;
  }

  context.subscriptions.push(
    registerCommand(COMMANDS.addProfile, (answers: ProfileFormAnswers = {}) => save(vscode.l10n.t('Add Profile'), answers)),
    registerCommand(COMMANDS.editProfile, async (answers: ProfileFormAnswers = {}) => {
      const own = configuration.userProfiles().profiles;
      if (own.length === 0) {
        const choice = await vscode.window.showInformationMessage(vscode.l10n.t('You have no profiles of your own yet (the built-in ones cannot be edited).'), vscode.l10n.t('Add Profile'));
        if (choice) await vscode.commands.executeCommand(COMMANDS.addProfile);
        return undefined;
      }
      const name =
        answers.profile ??
        (await vscode.window.showQuickPick(own.map((profile) => ({ label: profile.name, description: `${profile.kind} · ${profile.baseUrl}` })), { title: `Batch Studio: ${vscode.l10n.t('Edit Profile')}`, placeHolder: vscode.l10n.t('Which profile?') }))?.label;
      const editing = own.find((profile) => profile.name === name);
      return editing && save(vscode.l10n.t('Edit Profile'), answers, editing);
    }),
  );
}
