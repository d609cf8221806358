import { DIALECT_NAMES, isDialectName } from '../dialects/dialect';
import { ANTHROPIC_API_ORIGIN } from './anthropicClient';
import { GEMINI_API_ORIGIN } from './geminiClient';
import { scheduleProblem, type RunSchedule } from '../runner/runSchedule';
import { BUILT_IN_PROFILES, profileDialect, RUN_OPTION_FIELDS, type Profile, type ProfileKind, type SeedMode } from './profile';

const KINDS: readonly ProfileKind[] = ['openai', 'azure', 'seed', 'emulator', 'direct', 'anthropic', 'gemini'];
const MODES: readonly SeedMode[] = ['sync', 'jobs', 'files'];
const LIMITS = ['openai', 'azure', 'groq', 'generic'] as const;

/** A profile list or choice that cannot be used; the message names the entry and the field. */
export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

export function isProfileKind(value: string): value is ProfileKind {
  return (KINDS as readonly string[]).includes(value);
}

export function isSeedMode(value: string): value is SeedMode {
  return (MODES as readonly string[]).includes(value);
}

function checkUrl(value: string, where: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ProfileError(`${where}: baseUrl "${value}" is not a URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ProfileError(`${where}: baseUrl must be http or https.`);
}

/**
 * Reads profiles shaped like the `batchStudio.profiles` setting (an array of `{name, kind, baseUrl, …}`),
 * as the CLI's profiles file holds them. Throws a {@link ProfileError} naming the first bad entry.
 */
export function parseProfiles(value: unknown): Profile[] {
  if (!Array.isArray(value)) throw new ProfileError('Profiles must be a JSON array of {name, kind, baseUrl} objects.');
  return value.map((entry, index) => {
    const where = `profile ${index + 1}`;
    if (typeof entry !== 'object' || entry === null) throw new ProfileError(`${where} is not an object.`);
    const fields = entry as Record<string, unknown>;
    if (typeof fields.name !== 'string' || fields.name.trim() === '') throw new ProfileError(`${where}: "name" is required.`);
    if (typeof fields.kind !== 'string' || !isProfileKind(fields.kind)) throw new ProfileError(`${where} ("${fields.name}"): "kind" must be one of ${KINDS.join(', ')}.`);
    if (typeof fields.baseUrl !== 'string') throw new ProfileError(`${where} ("${fields.name}"): "baseUrl" is required.`);
    checkUrl(fields.baseUrl, `${where} ("${fields.name}")`);
    const profile: Profile = { name: fields.name, kind: fields.kind, baseUrl: fields.baseUrl };
    if (fields.mode !== undefined) {
      if (typeof fields.mode !== 'string' || !isSeedMode(fields.mode)) throw new ProfileError(`${where} ("${fields.name}"): "mode" must be one of ${MODES.join(', ')}.`);
      profile.mode = fields.mode;
    }
    if (fields.limits !== undefined) {
      if (!(LIMITS as readonly unknown[]).includes(fields.limits)) throw new ProfileError(`${where} ("${fields.name}"): "limits" must be one of ${LIMITS.join(', ')}.`);
      profile.limits = fields.limits as Profile['limits'];
    }
    if (fields.dialect !== undefined) {
      if ((fields.kind !== 'emulator' && fields.kind !== 'direct') || typeof fields.dialect !== 'string' || !isDialectName(fields.dialect)) {
        throw new ProfileError(`${where} ("${fields.name}"): "dialect" is for emulator and direct profiles and must be one of ${DIALECT_NAMES.join(', ')}.`);
      }
      profile.dialect = fields.dialect;
    }
    if (fields.usageTier !== undefined) {
      if (!(typeof fields.usageTier === 'number' && Number.isInteger(fields.usageTier) && fields.usageTier >= 1 && fields.usageTier <= 5)) {
        throw new ProfileError(`${where} ("${fields.name}"): "usageTier" must be a whole number from 1 to 5 (your OpenAI usage tier).`);
      }
      profile.usageTier = fields.usageTier;
    }
    if (fields.enqueuedTokenLimit !== undefined) profile.enqueuedTokenLimit = parseEnqueuedTokenLimit(fields.enqueuedTokenLimit, `${where} ("${fields.name}")`);
    if (fields.model !== undefined) {
      const takesModel = fields.kind === 'gemini' || ((fields.kind === 'emulator' || fields.kind === 'direct') && fields.dialect === 'gemini');
      if (!takesModel || typeof fields.model !== 'string' || fields.model.trim() === '') {
        throw new ProfileError(`${where} ("${fields.name}"): "model" is for gemini profiles (and emulator or direct profiles with "dialect": "gemini"): the model name, e.g. gemini-2.5-flash.`);
      }
      profile.model = fields.model;
    }
    if (fields.callbackUrl !== undefined) {
      if (typeof fields.callbackUrl !== 'string') throw new ProfileError(`${where} ("${fields.name}"): "callbackUrl" must be a URL.`);
      checkUrl(fields.callbackUrl, `${where} ("${fields.name}") callbackUrl`);
      profile.callbackUrl = fields.callbackUrl;
    }
    if (fields.metadata !== undefined) {
      const entries = typeof fields.metadata === 'object' && fields.metadata !== null && !Array.isArray(fields.metadata) ? Object.entries(fields.metadata) : undefined;
      if (!entries || entries.some(([, value]) => typeof value !== 'string')) throw new ProfileError(`${where} ("${fields.name}"): "metadata" must map keys to text, e.g. {"project": "faq"}.`);
      profile.metadata = Object.fromEntries(entries) as Record<string, string>;
    }
    for (const key of ['apiVersion', 'organization', 'project'] as const) {
      if (typeof fields[key] === 'string') profile[key] = fields[key] as string;
    }
    for (const key of RUN_OPTION_FIELDS) {
      const value = fields[key];
      if (value === undefined) continue;
      if (typeof value !== 'number' || !(value > 0) || (key !== 'timeoutSeconds' && !Number.isInteger(value))) {
        throw new ProfileError(`${where} ("${fields.name}"): "${key}" must be a positive ${key === 'timeoutSeconds' ? 'number' : 'integer'}.`);
      }
      profile[key] = value;
    }
    if (fields.schedule !== undefined) {
      const problem = scheduleProblem(fields.schedule);
      if (problem) throw new ProfileError(`${where} ("${fields.name}"): ${problem}`);
      profile.schedule = fields.schedule as RunSchedule;
    }
    if (fields.chunkSizes !== undefined) profile.chunkSizes = parseChunkSizes(fields.chunkSizes, `${where} ("${fields.name}")`);
    return profile;
  });
}

function isTokenCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value > 0;
}

/** A number of tokens for every model, or an object of model name → tokens. */
function parseEnqueuedTokenLimit(value: unknown, where: string): number | Record<string, number> {
  const expected = `${where}: "enqueuedTokenLimit" must be a whole number of tokens, or an object such as {"gpt-4o-mini": 2000000}.`;
  if (isTokenCount(value)) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ProfileError(expected);
  const limits: Record<string, number> = {};
  for (const [model, tokens] of Object.entries(value)) {
    if (!isTokenCount(tokens)) throw new ProfileError(expected);
    limits[model] = tokens;
  }
  return limits;
}

function parseChunkSizes(value: unknown, where: string): Record<string, number> {
  const sizes = typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.entries(value) : undefined;
  if (!sizes || sizes.some(([, size]) => typeof size !== 'number' || !Number.isInteger(size) || size < 1)) {
    throw new ProfileError(`${where}: "chunkSizes" must map model names to positive integers, e.g. {"deepseek-chat": 50}.`);
  }
  return Object.fromEntries(sizes) as Record<string, number>;
}

export interface ProfileChoice {
  /** A profile by name (from `profiles`, then the built-in ones). */
  name?: string;
  /** With `kind`, an ad-hoc profile needing no list. */
  baseUrl?: string;
  kind?: ProfileKind;
  mode?: SeedMode;
}

/**
 * The profile a command runs against: `baseUrl` + `kind` make an ad-hoc one (named after its URL); otherwise
 * the named profile (default: the only user profile, else the built-in OpenAI one), with `baseUrl`/`mode`
 * overriding its own.
 */
export function selectProfile(profiles: readonly Profile[], choice: ProfileChoice): Profile {
  const mode = choice.mode;
  if (choice.baseUrl !== undefined && choice.kind !== undefined && choice.name === undefined) {
    checkUrl(choice.baseUrl, '--base-url');
    const adHoc: Profile = { name: '', kind: choice.kind, baseUrl: choice.baseUrl, ...(mode ? { mode } : {}) };
    return { ...adHoc, name: `${choice.baseUrl} (${apiName(adHoc)})` };
  }
  const all = [...profiles, ...BUILT_IN_PROFILES.filter((builtIn) => !profiles.some((profile) => profile.name === builtIn.name))];
  let profile: Profile | undefined;
  if (choice.name !== undefined) {
    profile = all.find((candidate) => candidate.name === choice.name) ?? adHocProfileNamed(choice.name);
    if (!profile) throw new ProfileError(`No profile named "${choice.name}" (known: ${all.map((candidate) => candidate.name).join(', ')}).`);
  } else if (profiles.length === 1) {
    profile = profiles[0];
  } else if (profiles.length > 1) {
    throw new ProfileError(`Several profiles are defined; choose one with --profile (${profiles.map((candidate) => candidate.name).join(', ')}).`);
  } else if (choice.baseUrl !== undefined) {
    throw new ProfileError('--base-url needs --kind (openai, azure, seed, emulator, direct, anthropic or gemini) when no profile is chosen.');
  } else {
    profile = all.find((candidate) => candidate.kind === 'openai');
  }
  const chosen: Profile = { ...profile! };
  if (choice.baseUrl !== undefined) {
    checkUrl(choice.baseUrl, '--base-url');
    chosen.baseUrl = choice.baseUrl;
  }
  if (choice.kind !== undefined) chosen.kind = choice.kind;
  if (mode) chosen.mode = mode;
  // Another kind or seed mode is another API: its jobs are not the named profile's (nor its duplicates).
  if (apiName(chosen) !== apiName(profile!)) chosen.name = `${profile!.name} (${apiName(chosen)})`;
  return chosen;
}

/** The profile `--base-url URL --kind K [--mode M]` made, from the name it gave it (`URL (seed jobs)`), as jobs record it. */
function adHocProfileNamed(name: string): Profile | undefined {
  const match = /^(https?:\/\/\S+) \((openai|azure|emulator|anthropic|gemini|seed (sync|jobs|files))\)$/.exec(name);
  if (!match) return undefined;
  const kind = match[2].split(' ')[0] as ProfileKind;
  return { name, kind, baseUrl: match[1], ...(match[3] ? { mode: match[3] as SeedMode } : {}) };
}

/** `openai`, `emulator`, `seed jobs`…: which API a profile talks to, part of an ad-hoc profile's identity. */
function apiName(profile: Profile): string {
  return profile.kind === 'seed' ? `seed ${profile.mode ?? 'files'}` : profile.kind;
}

/**
 * The environment variables a profile's key is read from, in order: the tool's own `BATCH_STUDIO_API_KEY`
 * first (the user's explicit key for whatever profile they run), then `AZURE_OPENAI_API_KEY` for `azure`
 * and `OPENAI_API_KEY` only for `https://api.openai.com`: a provider's own key never leaves for a
 * gateway or another host.
 */
export function apiKeyVariables(profile: Profile): string[] {
  if (profile.kind === 'azure') return ['BATCH_STUDIO_API_KEY', 'AZURE_OPENAI_API_KEY'];
  if (isHttpsHost(profile.baseUrl, 'api.openai.com')) return ['BATCH_STUDIO_API_KEY', 'OPENAI_API_KEY'];
  if (isHttpsHost(profile.baseUrl, 'api.deepseek.com')) return ['BATCH_STUDIO_API_KEY', 'DEEPSEEK_API_KEY'];
  // A direct profile of either dialect sends to the same API as the batch one: the same key, only there.
  const dialect = profileDialect(profile);
  if (dialect === 'anthropic' && isHttpsHost(profile.baseUrl, new URL(ANTHROPIC_API_ORIGIN).hostname)) return ['BATCH_STUDIO_API_KEY', 'ANTHROPIC_API_KEY'];
  if (dialect === 'gemini' && isHttpsHost(profile.baseUrl, new URL(GEMINI_API_ORIGIN).hostname)) return ['BATCH_STUDIO_API_KEY', 'GEMINI_API_KEY'];
  return ['BATCH_STUDIO_API_KEY'];
}

function isHttpsHost(baseUrl: string, hostname: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === 'https:' && url.hostname === hostname;
  } catch {
    return false;
  }
}

/** The key for a profile from the environment, and the variable it came from (the UI says which). */
export function apiKeyFromEnvironment(profile: Profile, env: NodeJS.ProcessEnv): { apiKey: string; variable: string } | undefined {
  for (const variable of apiKeyVariables(profile)) {
    const value = env[variable]?.trim();
    if (value) return { apiKey: value, variable };
  }
  return undefined;
}
