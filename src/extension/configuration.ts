import * as vscode from 'vscode';
import type { ProviderLimitsName } from '../core/validation/types';
import { parseProfiles, type Profile } from '../core/providers';
import { SETTINGS, SETTINGS_SECTION, settingKey, type SettingName } from '../core/contributionIds';
import { errorMessage } from '../core/errors';
import { restrictedSettingValue } from '../core/settings/restrictedSetting';

/**
 * The one reader of the `batchStudio.*` settings (keys from core/contributionIds), their types and defaults.
 * Features read settings through the getters here and listen to the single `onDidChange` event.
 */
const SECTION = SETTINGS_SECTION;
const KEYS = SETTINGS;

const PROVIDERS: readonly ProviderLimitsName[] = ['openai', 'azure', 'groq', 'generic'];
const DEFAULT_PROVIDER: ProviderLimitsName = 'openai';
const DEFAULT_VALIDATION_DELAY_MS = 200;
const MAX_VALIDATION_DELAY_MS = 5000;
const DEFAULT_POLL_INTERVAL_SECONDS = 5;
const MIN_POLL_INTERVAL_SECONDS = 1;
const MAX_POLL_INTERVAL_SECONDS = 600;

export type BatchStudioSetting = SettingName;

/** A change to one or more `batchStudio.*` settings; `affects` narrows it to one setting (and scope). */
export interface BatchStudioConfigurationChange {
  affects(setting: BatchStudioSetting, scope?: vscode.ConfigurationScope): boolean;
}

/** The user's own provider profiles, as `batchStudio.profiles` in user settings holds them. */
export interface UserProfiles {
  profiles: Profile[];
  /** Why the setting cannot be used (then `profiles` is empty): names the entry and the field. */
  problem?: string;
  /** A workspace or folder sets the key too; that value is ignored, so a workspace cannot send a key elsewhere. */
  workspaceValueIgnored: boolean;
}

export class BatchStudioConfiguration implements vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<BatchStudioConfigurationChange>();
  private readonly listener: vscode.Disposable;

  /** Fires once per settings change that touches any `batchStudio.*` key. */
  readonly onDidChange = this.changeEmitter.event;

  constructor() {
    this.listener = vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration(SECTION)) return;
      this.changeEmitter.fire({
        affects: (setting, scope) => event.affectsConfiguration(`${SECTION}.${KEYS[setting]}`, scope),
      });
    });
  }

  /** The provider whose limits apply to batch files under `scope` (a file or workspace folder). */
  validationProvider(scope?: vscode.ConfigurationScope): ProviderLimitsName {
    const value = this.read<string>(KEYS.validationProvider, scope);
    return PROVIDERS.find((provider) => provider === value) ?? DEFAULT_PROVIDER;
  }

  /** How long to wait after the last edit before re-validating an open batch file. */
  validationDelayMs(scope?: vscode.ConfigurationScope): number {
    const value = this.read<number>(KEYS.validationDelay, scope);
    if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_VALIDATION_DELAY_MS;
    return Math.min(Math.max(0, Math.round(value)), MAX_VALIDATION_DELAY_MS);
  }

  /** The shortest wait between two status checks of a profile's jobs. */
  pollIntervalSeconds(): number {
    const value = this.read<number>(KEYS.pollIntervalSeconds, undefined);
    if (typeof value !== 'number' || !Number.isFinite(value)) return DEFAULT_POLL_INTERVAL_SECONDS;
    return Math.min(Math.max(MIN_POLL_INTERVAL_SECONDS, value), MAX_POLL_INTERVAL_SECONDS);
  }

  /** How many batch lines the local emulator runs per second; undefined: as fast as it can. */
  emulatorRequestsPerSecond(): number | undefined {
    const value = this.read<number>(KEYS.emulatorRequestsPerSecond, undefined);
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
  }

  /** Where downloaded result files go; undefined: beside the input file. A workspace's value only when trusted. */
  resultsFolder(): string | undefined {
    const value = this.readRestricted<string>(KEYS.resultsFolder);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }

  /** Whether a results document and its input scroll together. */
  resultsSyncScroll(): boolean {
    return this.read<boolean>(KEYS.resultsSyncScroll, undefined) !== false;
  }

  /** The user's price file, merged over the shipped prices for result summaries; undefined: none. A workspace's value only when trusted. */
  resultsPriceFile(): string | undefined {
    const value = this.readRestricted<string>(KEYS.resultsPriceFile);
    return typeof value === 'string' && value.trim() ? value.trim() : undefined;
  }

  /** The full key of a setting, for messages that tell the user which setting to fix. */
  settingKey(setting: BatchStudioSetting): string {
    return settingKey(setting);
  }

  /**
   * Profiles from user settings only (`globalValue`): the setting is application-scoped, and a value a
   * workspace carries anyway is never used, because a profile decides which host receives a key.
   */
  userProfiles(): UserProfiles {
    const inspected = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEYS.profiles);
    const workspaceValueIgnored = inspected?.workspaceValue !== undefined || inspected?.workspaceFolderValue !== undefined;
    if (inspected?.globalValue === undefined) return { profiles: [], workspaceValueIgnored };
    try {
      return { profiles: parseProfiles(inspected.globalValue), workspaceValueIgnored };
    } catch (error) {
      return { profiles: [], problem: errorMessage(error), workspaceValueIgnored };
    }
  }

  /** The raw entries of `batchStudio.profiles` in user settings, as the profile form edits them. */
  userProfileEntries(): unknown[] {
    const value = vscode.workspace.getConfiguration(SECTION).inspect<unknown>(KEYS.profiles)?.globalValue;
    return Array.isArray(value) ? value : [];
  }

  /** Writes `batchStudio.profiles` to user settings: never to a workspace, which must not choose where keys go. */
  async setUserProfileEntries(entries: unknown[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update(KEYS.profiles, entries, vscode.ConfigurationTarget.Global);
  }

  dispose(): void {
    this.listener.dispose();
    this.changeEmitter.dispose();
  }

  private read<T>(key: string, scope: vscode.ConfigurationScope | undefined): T | undefined {
    return vscode.workspace.getConfiguration(SECTION, scope).get<T>(key);
  }

  /** A setting declared in `restrictedConfigurations`: VS Code drops its workspace value while untrusted; so do we. */
  private readRestricted<T>(key: string): T | undefined {
    return restrictedSettingValue(vscode.workspace.getConfiguration(SECTION).inspect<T>(key), vscode.workspace.isTrusted);
  }
}

/** Creates the extension's configuration reader; features receive it from `activate`. */
export function registerConfiguration(context: vscode.ExtensionContext): BatchStudioConfiguration {
  const configuration = new BatchStudioConfiguration();
  context.subscriptions.push(configuration);
  return configuration;
}
