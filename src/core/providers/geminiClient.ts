import { GoogleGenAI } from '@google/genai';
import { EMULATOR_API_KEY, MissingApiKeyError, type ClientSettings } from './openaiClient';
import { needsApiKey, type Profile } from './profile';
import { sameOriginFetch } from './sameOriginFetch';

/** The Gemini API's origin: the only place `GEMINI_API_KEY` is sent. */
export const GEMINI_API_ORIGIN = 'https://generativelanguage.googleapis.com';

/** A batch's `batchStats` as the API sends them (int64 counts as strings), by its `batches/…` name. */
export type BatchStatsListener = (name: string, stats: Record<string, unknown>) => void;

/** Batch answers (create, get, list) carry their operations' per-request counts. */
const BATCH_ANSWER = /\/v1beta\/(?:batches(?:\/[^/:]+)?|models\/[^/]+:batchGenerateContent)$/;

function statsOf(operation: unknown): [string, Record<string, unknown>] | undefined {
  const { name, metadata } = (operation ?? {}) as { name?: unknown; metadata?: { batchStats?: unknown } };
  const stats = metadata?.batchStats;
  return typeof name === 'string' && stats !== null && typeof stats === 'object' ? [name, stats as Record<string, unknown>] : undefined;
}

/**
 * The SDK's fetch, also handing each batch answer's `batchStats` to `onStats`: the SDK leaves the API's
 * per-request counts out of the batches it returns, and the Jobs view shows them.
 */
function fetchWithBatchStats(onStats: BatchStatsListener, base: typeof fetch): typeof fetch {
  return async (input, init) => {
    const response = await base(input, init);
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (response.ok && BATCH_ANSWER.test(new URL(url).pathname)) {
      const body = (await response.clone().json().catch(() => undefined)) as { operations?: unknown[] } | undefined;
      for (const operation of body?.operations ?? [body]) {
        const found = statsOf(operation);
        if (found) onStats(...found);
      }
    }
    return response;
  };
}

/**
 * The official Google Gen AI SDK client for a profile (the Gemini Developer API, not Vertex AI). Its paths
 * carry the API version (`/v1beta/…`, `/upload/v1beta/…`), so the base URL is the profile's origin.
 */
export function createGeminiClient(profile: Profile, apiKey: string | undefined, settings: ClientSettings = {}, onStats?: BatchStatsListener): GoogleGenAI {
  const key = apiKey || (needsApiKey(profile) ? '' : EMULATOR_API_KEY);
  // fetch drops only `Authorization` on a redirect to another origin: `x-goog-api-key` would go along.
  const sameOrigin = sameOriginFetch();
  if (!key) throw new MissingApiKeyError(profile.name);
  return new GoogleGenAI({
    apiKey: key,
    httpOptions: {
      baseUrl: new URL(profile.baseUrl).origin,
      ...(settings.timeoutMs !== undefined ? { timeout: settings.timeoutMs } : {}),
      // Attempts include the first one: `maxRetries` 0 is one attempt.
      ...(settings.maxRetries !== undefined ? { retryOptions: { attempts: settings.maxRetries + 1 } } : {}),
      fetch: onStats ? fetchWithBatchStats(onStats, sameOrigin) : sameOrigin,
    },
  });
}
