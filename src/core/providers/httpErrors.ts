import { APIConnectionError, APIError, APIUserAbortError } from 'openai';

/** The user (or a caller's AbortSignal) stopped the request. */
export function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || (error instanceof Error && error.name === 'AbortError');
}

/** No HTTP answer arrived: refused, reset, dropped or timed out (the SDK's timeout error is a subclass). */
export function isConnectionError(error: unknown): boolean {
  return error instanceof APIConnectionError && !isAbort(error);
}

/** The answers the SDK itself retries (408, 409, 429, 5xx) and no answer at all. */
export function isTransient(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const status = error instanceof APIError ? error.status : undefined;
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

/**
 * True when a POST that failed this way may still have been carried out by the server: no answer arrived
 * (timeout, dropped connection) or the server failed part-way (5xx). A 4xx means it was refused.
 */
export function mayHaveReachedServer(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const status = error instanceof APIError ? error.status : undefined;
  return status !== undefined && status >= 500;
}

/** How long the server asked us to wait (`retry-after-ms`, `retry-after` seconds or date), in ms. */
export function retryAfterMs(error: unknown): number | undefined {
  const headers = error instanceof APIError ? error.headers : undefined;
  if (!headers) return undefined;
  const milliseconds = Number(headers.get('retry-after-ms'));
  if (headers.get('retry-after-ms') && Number.isFinite(milliseconds) && milliseconds >= 0) return milliseconds;
  const value = headers.get('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The HTTP status of an SDK error, if an answer arrived. */
export function statusOf(error: unknown): number | undefined {
  return error instanceof APIError ? error.status : undefined;
}
