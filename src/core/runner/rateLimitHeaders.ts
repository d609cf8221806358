import { retryAfterMs } from '../providers/httpErrors';

/** What a server's rate-limit headers say (OpenAI's names, also sent by most compatible servers). */
export interface RateLimitHeaders {
  limitRequests?: number;
  limitTokens?: number;
  remainingRequests?: number;
  remainingTokens?: number;
  /** Until the request or token budget is back, in ms from now. */
  resetRequestsMs?: number;
  resetTokensMs?: number;
  /** `retry-after-ms`, else `retry-after` (seconds or an HTTP date), in ms. */
  retryAfterMs?: number;
}

type HeaderSource = Headers | Record<string, unknown> | undefined;

function header(headers: HeaderSource, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : undefined;
}

function count(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number >= 0 ? number : undefined;
}

const UNIT_MS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

/** OpenAI's reset durations: `1s`, `6m0s`, `20ms`, `1h2m3.5s`; a bare number is seconds. */
export function parseDurationMs(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) return undefined;
  return parts.reduce((sum, part) => sum + Number(part[1]) * UNIT_MS[part[2]], 0);
}

/** Reads the rate-limit headers of an answer (a `Headers` or a plain object of lower-case names). */
export function readRateLimitHeaders(headers: HeaderSource, nowMs = Date.now()): RateLimitHeaders {
  return {
    limitRequests: count(header(headers, 'x-ratelimit-limit-requests')),
    limitTokens: count(header(headers, 'x-ratelimit-limit-tokens')),
    remainingRequests: count(header(headers, 'x-ratelimit-remaining-requests')),
    remainingTokens: count(header(headers, 'x-ratelimit-remaining-tokens')),
    resetRequestsMs: parseDurationMs(header(headers, 'x-ratelimit-reset-requests')),
    resetTokensMs: parseDurationMs(header(headers, 'x-ratelimit-reset-tokens')),
    retryAfterMs: retryAfterMs({ headers }, nowMs),
  };
}
