/** How the poller should react to a failed status request. */
export type PollFailure =
  | { kind: 'auth' }
  | { kind: 'rateLimited'; retryAfterMs?: number }
  | { kind: 'transient' };

/**
 * Classifies an error from a provider call: the `openai` SDK's APIError carries `status` and
 * `headers`; other providers' errors are made to look the same.
 */
export function classifyPollError(error: unknown): PollFailure {
  const status = (error as { status?: unknown } | undefined)?.status;
  if (status === 401 || status === 403) return { kind: 'auth' };
  if (status === 429) return { kind: 'rateLimited', retryAfterMs: retryAfterMs(error) };
  return { kind: 'transient' };
}

/** Reads `retry-after-ms` or `Retry-After` (seconds or an HTTP date) from an error's headers. */
export function retryAfterMs(error: unknown, nowMs = Date.now()): number | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  const header = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const ms = Number(header('retry-after-ms'));
  if (Number.isFinite(ms) && ms >= 0 && header('retry-after-ms') !== undefined) return ms;
  const value = header('retry-after');
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - nowMs) : undefined;
}
