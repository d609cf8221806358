import * as vscode from 'vscode';
import { apiKeyFromEnvironment, type Profile } from '../../core/providers';
import { apiKeySecretName } from '../../core/providers/apiKeySecretName';

/** Where a profile's key comes from; the UI says which, and never shows the key itself. */
export type ApiKeySource =
  | { kind: 'stored' }
  | { kind: 'environment'; variable: string }
  /** The emulator accepts any key, so it needs none. */
  | { kind: 'not-needed' }
  | { kind: 'missing' };

export interface ResolvedApiKey {
  apiKey?: string;
  source: ApiKeySource;
}

/**
 * Profile keys in `context.secrets`, one entry per profile and base-URL origin (see apiKeySecretName).
 * Without a stored key, the environment's `BATCH_STUDIO_API_KEY` / `OPENAI_API_KEY` / `AZURE_OPENAI_API_KEY`
 * is used (never for the emulator: a real key has no business on the loopback emulator).
 */
export class ApiKeys {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly env: NodeJS.ProcessEnv = process.env,
  ) {}

  async resolve(profile: Profile): Promise<ResolvedApiKey> {
    const stored = await this.secrets.get(apiKeySecretName(profile));
    if (stored) return { apiKey: stored, source: { kind: 'stored' } };
    if (profile.kind === 'emulator') return { source: { kind: 'not-needed' } };
    const fromEnvironment = apiKeyFromEnvironment(profile, this.env);
    if (fromEnvironment) return { apiKey: fromEnvironment.apiKey, source: { kind: 'environment', variable: fromEnvironment.variable } };
    return { source: { kind: 'missing' } };
  }

  store(profile: Profile, apiKey: string): Promise<void> {
    return Promise.resolve(this.secrets.store(apiKeySecretName(profile), apiKey));
  }

  /** True when a stored key was removed. */
  async clear(profile: Profile): Promise<boolean> {
    const name = apiKeySecretName(profile);
    if (!(await this.secrets.get(name))) return false;
    await this.secrets.delete(name);
    return true;
  }

  /** The environment key the profile would fall back to, if any (for prompts). */
  environmentVariable(profile: Profile): string | undefined {
    return profile.kind === 'emulator' ? undefined : apiKeyFromEnvironment(profile, this.env)?.variable;
  }
}

/** A short phrase for quick picks and prompts, e.g. "key from OPENAI_API_KEY (environment)". */
export function describeApiKeySource(source: ApiKeySource): string {
  switch (source.kind) {
    case 'stored':
      return vscode.l10n.t('key stored in VS Code');
    case 'environment':
      return vscode.l10n.t('key from {0} (environment)', source.variable);
    case 'not-needed':
      return vscode.l10n.t('no key needed');
    case 'missing':
      return vscode.l10n.t('no key: run Set API Key');
  }
}
