import type * as vscode from 'vscode';
import type { DialectName } from '../../core/dialects';
import { createProvider, EMULATOR_PROFILE_FOR_DIALECT, profileDialect, type BatchProvider, type Profile, type ProviderLog } from '../../core/providers';
import type { LocalEmulator } from '../emulator/localEmulator';
import type { ApiKeys } from './apiKeys';
import type { ProfileCatalog } from './profileCatalog';

/** The core's log sink on the log channel (callers redact first: see redactingLog). */
export function toProviderLog(log: vscode.LogOutputChannel): ProviderLog {
  return (level, message) => log[level](message);
}

const IN_PROCESS_EMULATOR_NAMES: ReadonlySet<string> = new Set(Object.values(EMULATOR_PROFILE_FOR_DIALECT));

/** The built-in emulator profiles run in this process; a user's own `emulator` profile names its URL. */
export function isInProcessEmulator(profile: Profile): boolean {
  return profile.kind === 'emulator' && IN_PROCESS_EMULATOR_NAMES.has(profile.name);
}

/**
 * The profile a file is submitted through: the active one, except that the built-in emulator takes each file
 * to its own API's emulator profile (an Anthropic file to "Emulator: Anthropic"), as they are one local server.
 */
export function profileForDialect(active: Profile, dialect: DialectName | undefined, catalog: ProfileCatalog): Profile {
  if (!isInProcessEmulator(active) || dialect === undefined || profileDialect(active) === dialect) return active;
  return catalog.get(EMULATOR_PROFILE_FOR_DIALECT[dialect]) ?? active;
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
