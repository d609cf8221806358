/**
 * A connection to a batch provider, as the user configures it (`batchStudio.profiles`, or the CLI's
 * profiles file). The key is never part of a profile: it lives in SecretStorage or the environment.
 */
export type ProfileKind = 'openai' | 'azure' | 'seed' | 'emulator';

/** How a `seed` profile submits: the sync batch API, the async jobs API, or the OpenAI files flow. */
export type SeedMode = 'sync' | 'jobs' | 'files';

export interface Profile {
  name: string;
  kind: ProfileKind;
  /** e.g. `https://api.openai.com/v1`; for `emulator` the in-process emulator's URL is filled in at run time. */
  baseUrl: string;
  /** `azure`: the API version the deployment speaks. */
  apiVersion?: string;
  /** `seed`: which of the seed's APIs to use (default `files`). */
  mode?: SeedMode;
  /** The limits that apply to files submitted through this profile (default `openai`). */
  limits?: 'openai' | 'azure' | 'groq' | 'generic';
  /** Seed `jobs`: the URL the server POSTs a finished job to (`callback_url`). */
  callbackUrl?: string;
  /** Batch metadata sent with every submission through this profile, beside the tool's own keys. */
  metadata?: Record<string, string>;
  /** `openai`/`azure`: the organisation or project headers some accounts need. */
  organization?: string;
  project?: string;
  /** OpenAI usage tier (1-5): picks the default enqueued-token limits (default 1). */
  usageTier?: number;
  /** Batch queue limit in input tokens: one number for every model, or per model; overrides the tier's defaults. */
  enqueuedTokenLimit?: number | Record<string, number>;
}

export const EMULATOR_PROFILE_NAME = 'Emulator (local, no key)';
export const OPENAI_PROFILE_NAME = 'OpenAI';

/** The profiles every installation has, before any the user adds. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  { name: EMULATOR_PROFILE_NAME, kind: 'emulator', baseUrl: 'http://127.0.0.1/v1', limits: 'openai' },
  { name: OPENAI_PROFILE_NAME, kind: 'openai', baseUrl: 'https://api.openai.com/v1', limits: 'openai' },
];
