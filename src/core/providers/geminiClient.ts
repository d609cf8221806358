import { GoogleGenAI } from '@google/genai';
import { EMULATOR_API_KEY, MissingApiKeyError, type ClientSettings } from './openaiClient';
import type { Profile } from './profile';

/** The Gemini API's origin: the only place `GEMINI_API_KEY` is sent. */
export const GEMINI_API_ORIGIN = 'https://generativelanguage.googleapis.com';

/**
 * The official Google Gen AI SDK client for a profile (the Gemini Developer API, not Vertex AI). Its paths
 * carry the API version (`/v1beta/…`, `/upload/v1beta/…`), so the base URL is the profile's origin.
 */
export function createGeminiClient(profile: Profile, apiKey: string | undefined, settings: ClientSettings = {}): GoogleGenAI {
  const key = apiKey || (profile.kind === 'emulator' ? EMULATOR_API_KEY : '');
  if (!key) throw new MissingApiKeyError(profile.name);
  return new GoogleGenAI({
    apiKey: key,
    httpOptions: {
      baseUrl: new URL(profile.baseUrl).origin,
      ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
      // Attempts include the first one: `maxRetries` 0 is one attempt.
      ...(settings.maxRetries !== undefined ? { retryOptions: { attempts: settings.maxRetries + 1 } } : {}),
    },
  });
}
