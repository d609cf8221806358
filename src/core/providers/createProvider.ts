import type { BatchProvider } from './batchProvider';
import { LocalBatchArchive } from './localBatchArchive';
import { createOpenAIClient, type ClientSettings } from './openaiClient';
import { OpenAIBatchProvider } from './openaiProvider';
import { createAnthropicClient } from './anthropicClient';
import { AnthropicBatchProvider } from './anthropicProvider';
import { createGeminiClient } from './geminiClient';
import { GeminiBatchProvider } from './geminiProvider';
import { profileDialect, type Profile } from './profile';
import { redactingLog, rememberSecret } from './redaction';
import { SeedJobsProvider } from './seedJobsProvider';
import { SeedSyncProvider } from './seedSyncProvider';

export interface ProviderOptions extends ClientSettings {
  /**
   * Where providers without server-side files (the seed's `sync` and `jobs` modes) keep input copies, job
   * records and result files: the extension's global storage folder, the CLI's data folder. Required for
   * those modes only.
   */
  dataDir?: string;
}

/**
 * The provider for a profile. `apiKey` may be undefined for the emulator; every other kind needs one
 * (`MissingApiKeyError`). The key joins the keys the redaction removes from every text; anything the SDK
 * logs goes to `options.log` redacted.
 */
export function createProvider(profile: Profile, apiKey: string | undefined, options: ProviderOptions = {}): BatchProvider {
  if (profile.kind === 'direct') {
    throw new Error(`Profile "${profile.name}" has no Batch API (kind direct): its files run from this machine (Submit in the editor, or \`batch-studio run <file> --profile "${profile.name}"\`).`);
  }
  rememberSecret(apiKey);
  const log = options.log && redactingLog(options.log);
  const dialect = profileDialect(profile);
  if (dialect === 'anthropic') return new AnthropicBatchProvider(profile, createAnthropicClient(profile, apiKey, { ...options, log }));
  if (dialect === 'gemini') return new GeminiBatchProvider(profile, (onStats) => createGeminiClient(profile, apiKey, options, onStats));
  const client = createOpenAIClient(profile, apiKey, { ...options, log });
  const mode = profile.kind === 'seed' ? (profile.mode ?? 'files') : undefined;
  if (mode === 'sync' || mode === 'jobs') {
    if (!options.dataDir) throw new Error(`Profile "${profile.name}" (seed ${mode}) needs a data folder for its results.`);
    const archive = new LocalBatchArchive(options.dataDir);
    return mode === 'sync' ? new SeedSyncProvider(profile, client, archive) : new SeedJobsProvider(profile, client, archive);
  }
  return new OpenAIBatchProvider(profile, client);
}
