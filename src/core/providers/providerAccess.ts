import type { BatchProvider } from './batchProvider';

/** How job features reach a profile's provider (the profiles module resolves the key and the emulator). */
export interface ProviderAccess {
  /** Rejects with `MissingApiKeyError` when the profile needs a key and has none. */
  provider(profileName: string): Promise<BatchProvider>;
}
