import OpenAI, { AzureOpenAI } from 'openai';
import { needsApiKey, type Profile } from './profile';
import type { ProviderLog } from './redaction';
import { sameOriginFetch } from './sameOriginFetch';

/** Azure's GA API version with Files and Batches, used when the profile names none. */
export const DEFAULT_AZURE_API_VERSION = '2024-10-21';

/** The emulator (and a local server) accepts any key; the SDK refuses to start without one. */
export const EMULATOR_API_KEY = 'emulator-needs-no-key';

export interface ClientSettings {
  /** Per-request timeout; default the SDK's 10 minutes. */
  timeoutMs?: number;
  /** Retries the SDK makes on connection errors, 408, 409, 429 and 5xx; default 2. */
  maxRetries?: number;
  /** Receives the SDK's own log lines (retries, warnings), already redacted. */
  log?: ProviderLog;
}

export function sdkLogger(log: ProviderLog) {
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (message: string, ...rest: unknown[]) =>
    log(level, [message, ...rest.map((part) => (typeof part === 'string' ? part : safeJson(part)))].join(' '));
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/**
 * The official SDK client for a profile: `AzureOpenAI` for `azure` (API version from the profile; a base URL
 * with a path, e.g. `…/openai/v1`, is used as is, a bare resource URL as the endpoint), `OpenAI` for every
 * other kind. Nothing is read from the environment here: the caller passes the key, the URL is the profile's.
 */
export function createOpenAIClient(profile: Profile, apiKey: string | undefined, settings: ClientSettings = {}): OpenAI {
  const common = {
    apiKey: apiKey || (needsApiKey(profile) ? '' : EMULATOR_API_KEY),
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    organization: profile.organization ?? null,
    project: profile.project ?? null,
    // The SDK follows redirects, and fetch drops only `Authorization` on the way: Azure's `api-key` would go along.
    fetch: sameOriginFetch(),
    ...(settings.log ? { logger: sdkLogger(settings.log), logLevel: 'info' as const } : { logLevel: 'off' as const }),
  };
  if (!common.apiKey) throw new MissingApiKeyError(profile.name);
  if (profile.kind === 'azure') {
    const hasPath = new URL(profile.baseUrl).pathname.replace(/\/+$/, '') !== '';
    return new AzureOpenAI({
      ...common,
      apiVersion: profile.apiVersion ?? DEFAULT_AZURE_API_VERSION,
      ...(hasPath ? { baseURL: profile.baseUrl } : { endpoint: profile.baseUrl }),
    });
  }
  return new OpenAI({ ...common, baseURL: profile.baseUrl });
}

/** No key was given for a profile that needs one. */
export class MissingApiKeyError extends Error {
  override readonly name = 'MissingApiKeyError';
  constructor(readonly profileName: string) {
    super(`No API key for profile "${profileName}".`);
  }
}
