import type { RunSchedule } from '../runner/runSchedule';

/**
 * A connection to a batch provider, as the user configures it (`batchStudio.profiles`, or the CLI's
 * profiles file). The key is never part of a profile: it lives in SecretStorage or the environment.
 */
import type { DialectName } from '../dialects/dialect';

export type ProfileKind = 'openai' | 'azure' | 'seed' | 'emulator' | 'direct' | 'anthropic' | 'gemini';

/** How a `seed` profile submits: the sync batch API, the async jobs API, or the OpenAI files flow. */
export type SeedMode = 'sync' | 'jobs' | 'files';

export interface Profile {
  name: string;
  kind: ProfileKind;
  /** e.g. `https://api.openai.com/v1`; for `emulator` the in-process emulator's URL is filled in at run time. */
  baseUrl: string;
  /** `azure`: the API version the deployment speaks. */
  apiVersion?: string;
  /**
   * `emulator`: which batch API of the emulator to use (default `openai`; `anthropic`, `gemini`: theirs at its
   * origin). `direct`: which synchronous API each line goes to (default `openai`: the line's `url`;
   * `anthropic`: the Messages API; `gemini`: `generateContent`).
   */
  dialect?: DialectName;
  /** `gemini` (and a Gemini emulator or direct profile): the model a batch or run uses, e.g. `gemini-2.5-flash` (default {@link DEFAULT_GEMINI_MODEL}). */
  model?: string;
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
  /** `direct` (and seed `sync`): requests (seed: chunks) in flight at once. */
  concurrency?: number;
  /** `direct`: request and token budgets per minute. */
  rpm?: number;
  tpm?: number;
  /** `direct` and seed `sync`: attempts per request (the first included) and the wait for one answer. */
  maxAttempts?: number;
  timeoutSeconds?: number;
  /** Seed `sync`: requests per call by model, over the seed's recommended sizes. */
  chunkSizes?: Record<string, number>;
  /** `direct`: time windows in which no request is started, e.g. a provider's peak-price hours. */
  schedule?: RunSchedule;
}

/** Profile fields that tune a client-side run: each a positive number. */
export const RUN_OPTION_FIELDS = ['concurrency', 'rpm', 'tpm', 'maxAttempts', 'timeoutSeconds'] as const;

export const EMULATOR_PROFILE_NAME = 'Emulator (local, no key)';
export const ANTHROPIC_EMULATOR_PROFILE_NAME = 'Emulator: Anthropic (local, no key)';
export const GEMINI_EMULATOR_PROFILE_NAME = 'Emulator: Gemini (local, no key)';
export const OPENAI_PROFILE_NAME = 'OpenAI';
export const ANTHROPIC_PROFILE_NAME = 'Anthropic';
export const GEMINI_PROFILE_NAME = 'Gemini';

/** The model a Gemini batch runs on when its profile names none: Batch Mode takes the model per batch, not per line. */
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';

/** The model a Gemini batch or run uses: the profile's, else {@link DEFAULT_GEMINI_MODEL}. */
export function geminiModelFor(profile: Pick<Profile, 'model'>): string {
  return profile.model ?? DEFAULT_GEMINI_MODEL;
}

/**
 * The model a file's requests run on, for its estimate and cost: the one its lines name, else (Gemini lines
 * name none; the batch or run takes one) the profile's Gemini model.
 */
export function fileModelFor(report: { model?: string; dialect?: DialectName }, profile: Pick<Profile, 'model'>): string | undefined {
  return report.model ?? (report.dialect === 'gemini' ? geminiModelFor(profile) : undefined);
}
export const DEEPSEEK_PROFILE_NAME = 'DeepSeek (direct)';
export const OLLAMA_PROFILE_NAME = 'Ollama (local)';

/** The profiles every installation has, before any the user adds. */
export const BUILT_IN_PROFILES: readonly Profile[] = [
  { name: EMULATOR_PROFILE_NAME, kind: 'emulator', baseUrl: 'http://127.0.0.1/v1', limits: 'openai' },
  { name: ANTHROPIC_EMULATOR_PROFILE_NAME, kind: 'emulator', dialect: 'anthropic', baseUrl: 'http://127.0.0.1' },
  { name: GEMINI_EMULATOR_PROFILE_NAME, kind: 'emulator', dialect: 'gemini', baseUrl: 'http://127.0.0.1' },
  { name: OPENAI_PROFILE_NAME, kind: 'openai', baseUrl: 'https://api.openai.com/v1', limits: 'openai' },
  { name: ANTHROPIC_PROFILE_NAME, kind: 'anthropic', baseUrl: 'https://api.anthropic.com' },
  { name: GEMINI_PROFILE_NAME, kind: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com' },
  { name: DEEPSEEK_PROFILE_NAME, kind: 'direct', baseUrl: 'https://api.deepseek.com', limits: 'generic' },
  { name: OLLAMA_PROFILE_NAME, kind: 'direct', baseUrl: 'http://127.0.0.1:11434/v1', limits: 'generic' },
];

/** The built-in emulator profile for each dialect: all served by the one local emulator. */
export const EMULATOR_PROFILE_FOR_DIALECT: Readonly<Record<DialectName, string>> = {
  openai: EMULATOR_PROFILE_NAME,
  anthropic: ANTHROPIC_EMULATOR_PROFILE_NAME,
  gemini: GEMINI_EMULATOR_PROFILE_NAME,
};

/** The request format a profile's provider takes: Anthropic's, Gemini's, an emulator's or a direct profile's own, else OpenAI's. */
export function profileDialect(profile: Pick<Profile, 'kind' | 'dialect'>): DialectName {
  if (profile.kind === 'anthropic' || profile.kind === 'gemini') return profile.kind;
  return profile.kind === 'emulator' || profile.kind === 'direct' ? (profile.dialect ?? 'openai') : 'openai';
}

/**
 * An emulator profile that names no dialect serves every one at the same origin: it takes the dialect of the
 * file or batch at hand. Any other profile is returned as it is.
 */
export function emulatorProfileFor(profile: Profile, dialect: DialectName | undefined): Profile {
  return profile.kind === 'emulator' && profile.dialect === undefined && dialect !== undefined && dialect !== 'openai' ? { ...profile, dialect } : profile;
}

/** The dialect whose API a batch id belongs to, where the id says it (Anthropic's start `msgbatch_`, Gemini's `batches/`). */
export function dialectOfBatchId(id: string): DialectName | undefined {
  if (id.startsWith('msgbatch_')) return 'anthropic';
  return id.startsWith('batches/') ? 'gemini' : undefined;
}

function isLoopback(baseUrl: string): boolean {
  try {
    const host = new URL(baseUrl).hostname;
    return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
  } catch {
    return false;
  }
}

/** The emulator and a `direct` server on this machine (Ollama, vLLM, LM Studio) take requests without a key. */
export function needsApiKey(profile: Profile): boolean {
  return profile.kind !== 'emulator' && !(profile.kind === 'direct' && isLoopback(profile.baseUrl));
}
