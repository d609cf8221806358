import type * as vscode from 'vscode';
import { createProvider, EMULATOR_PROFILE_NAME, type BatchProvider, type Profile, type ProviderLog } from '../../core/providers';
import type { LocalEmulator } from '../emulator/localEmulator';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';

/** The core's log sink on the log channel (callers redact first: see redactingLog). */
export function toProviderLog(log: vscode.LogOutputChannel): ProviderLog {
  return (level, message) => log[level](message);
}

/** The built-in emulator profile runs in this process; a user's own `emulator` profile names its URL. */
export function isInProcessEmulator(profile: Profile): boolean {
  return profile.kind === 'emulator' && profile.name === EMULATOR_PROFILE_NAME;
}

/** A profile ready to talk to: the emulator's real URL filled in, its key resolved. */
export interface ProfileConnection {
  profile: Profile;
  provider: BatchProvider;
  /** Passed on so every message and log line can be redacted of it. */
  apiKey?: string;
}

/**
 * Builds the provider for a profile: starts the local emulator for the emulator profile, takes the key
 * from SecretStorage or the environment, and routes the SDK's log lines (redacted) to the log channel.
 * The Jobs view reaches providers through {@link provider}.
 */
export class ProfileProviders {
  private readonly providerLog: ProviderLog;

  constructor(
    private readonly profiles: ProfileCatalog,
    private readonly keys: ApiKeys,
    private readonly emulator: LocalEmulator,
    /** Where the seed's sync and jobs modes keep inputs and results. */
    private readonly dataDir: string,
    log: vscode.LogOutputChannel,
  ) {
    this.providerLog = toProviderLog(log);
  }

  /** Throws `MissingApiKeyError` when the profile needs a key and has none. */
  async connect(profile: Profile): Promise<ProfileConnection> {
    const { apiKey } = await this.keys.resolve(profile);
    const target = isInProcessEmulator(profile) ? { ...profile, baseUrl: (await this.emulator.start()).baseUrl } : profile;
    return { profile: target, provider: createProvider(target, apiKey, { dataDir: this.dataDir, log: this.providerLog }), apiKey };
  }

  async provider(profileName: string): Promise<BatchProvider> {
    const profile = this.profiles.get(profileName);
    if (!profile) throw new Error(`No profile named "${profileName}" in batchStudio.profiles (user settings).`);
    return (await this.connect(profile)).provider;
  }
}
