import Anthropic from '@anthropic-ai/sdk';
import { EMULATOR_API_KEY, MissingApiKeyError, sdkLogger, type ClientSettings } from './openaiClient';
import { needsApiKey, type Profile } from './profile';
import { sameOriginFetch } from './sameOriginFetch';

/** Anthropic's API origin: the only place `ANTHROPIC_API_KEY` is sent. */
export const ANTHROPIC_API_ORIGIN = 'https://api.anthropic.com';

/**
 * The official Anthropic SDK client for a profile. Its paths carry `/v1`, so the base URL is the profile's
 * origin (an emulator profile's `…/v1` URL names the same server).
 */
export function createAnthropicClient(profile: Profile, apiKey: string | undefined, settings: ClientSettings = {}): Anthropic {
  const key = apiKey || (needsApiKey(profile) ? '' : EMULATOR_API_KEY);
  if (!key) throw new MissingApiKeyError(profile.name);
  return new Anthropic({
    apiKey: key,
    baseURL: new URL(profile.baseUrl).origin,
    timeout: settings.timeoutMs,
    maxRetries: settings.maxRetries,
    // fetch drops only `Authorization` on a redirect to another origin: `x-api-key` would go along.
    fetch: sameOriginFetch(),
    ...(settings.log ? { logger: sdkLogger(settings.log), logLevel: 'info' as const } : { logLevel: 'off' as const }),
  });
}
