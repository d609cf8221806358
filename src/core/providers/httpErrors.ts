import * as Anthropic from '@anthropic-ai/sdk';
import { ApiError as GeminiApiError } from '@google/genai';
import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { jsonErrorOf } from '../errors/errorText';

/** What an error answer of an official SDK (OpenAI's, Anthropic's, Google's Gen AI) says, in one shape. */
export interface ApiErrorFacts {
  status?: number;
  /** The provider's error code: OpenAI's `code`, Anthropic's error `type` (e.g. `invalid_request_error`), Google's `status` in lower case. */
  code?: string;
  param?: string;
  requestID?: string;
}

/** The facts of an SDK's HTTP error (an answer arrived), or undefined for anything else. */
export function apiErrorOf(error: unknown): ApiErrorFacts | undefined {
  if (error instanceof APIError) return { status: error.status, code: error.code ?? undefined, param: error.param ?? undefined, requestID: error.requestID ?? undefined };
  if (error instanceof Anthropic.APIError) {
    const body = error.error as { error?: { type?: unknown } } | undefined;
    const code = typeof body?.error?.type === 'string' ? body.error.type : undefined;
    return { status: error.status, code, requestID: error.requestID ?? undefined };
  }
  if (error instanceof GeminiApiError) return { status: error.status, code: googleStatusOf(error.message) };
  return undefined;
}

/** Google's error `status` (e.g. `INVALID_ARGUMENT`) from the SDK's message, which is the answer's JSON body. */
function googleStatusOf(message: string): string | undefined {
  const status = jsonErrorOf(message)?.status;
  return typeof status === 'string' && status ? status.toLowerCase() : undefined;
}

/** The fetch the Google Gen AI SDK uses fails with this when no answer arrived (refused, reset, dropped). */
function isFetchFailure(error: unknown): boolean {
  return error instanceof TypeError && error.message === 'fetch failed';
}

/** The user (or a caller's AbortSignal) stopped the request. */
export function isAbort(error: unknown): boolean {
  return error instanceof APIUserAbortError || error instanceof Anthropic.APIUserAbortError || (error instanceof Error && error.name === 'AbortError');
}

/** No HTTP answer arrived: refused, reset, dropped or timed out (each SDK's timeout error is a subclass). */
export function isConnectionError(error: unknown): boolean {
  return (error instanceof APIConnectionError || error instanceof Anthropic.APIConnectionError || isFetchFailure(error)) && !isAbort(error);
}

/** The answers the SDK itself retries (408, 409, 429, 5xx) and no answer at all. */
export function isTransient(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const status = statusOf(error);
  return status === 408 || status === 409 || status === 429 || (status !== undefined && status >= 500);
}

/**
 * True when a POST that failed this way may still have been carried out by the server: no answer arrived
 * (timeout, dropped connection) or the server failed part-way (5xx). A 4xx means it was refused.
 */
export function mayHaveReachedServer(error: unknown): boolean {
  if (isConnectionError(error)) return true;
  const status = statusOf(error);
  return status !== undefined && status >= 500;
}

/**
 * How long the server asked us to wait (`retry-after-ms`, `retry-after` seconds or an HTTP date), in ms.
 * Reads any error with `headers` (the SDK's APIError, and errors other providers shape like it).
 */
export function retryAfterMs(error: unknown, nowMs = Date.now()): number | undefined {
  const headers = (error as { headers?: unknown } | undefined)?.headers;
  const header = (name: string): string | undefined => {
    if (!headers) return undefined;
    if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
    const value = (headers as Record<string, unknown>)[name];
    return typeof value === 'string' ? value : undefined;
  };
  const milliseconds = header('retry-after-ms');
  if (milliseconds && Number.isFinite(Number(milliseconds)) && Number(milliseconds) >= 0) return Number(milliseconds);
  const value = header('retry-after');
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** The longest Retry-After a request waits out before trying again (the SDK's own bound, too). */
export const MAX_RETRY_WAIT_MS = 60_000;

/**
 * True when the server asked for a wait longer than {@link MAX_RETRY_WAIT_MS} (e.g. an hourly quota):
 * waiting it out would hold the submission for that long, so it is not retried; the error says when to.
 */
export function waitsTooLong(error: unknown): boolean {
  const wait = retryAfterMs(error);
  return wait !== undefined && wait > MAX_RETRY_WAIT_MS;
}

/** The HTTP status of an SDK error, if an answer arrived. */
export function statusOf(error: unknown): number | undefined {
  return apiErrorOf(error)?.status;
}
