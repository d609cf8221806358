import type Anthropic from '@anthropic-ai/sdk';
import type OpenAI from 'openai';
import { APIError } from 'openai';
import { APIError as AnthropicAPIError } from '@anthropic-ai/sdk';
import { isTransient, statusOf } from '../providers/httpErrors';
import { redactSecrets } from '../providers/redaction';
import { errorMessage } from '../errors/errorText';

/** What one request came back with. `headers` feed the pacer. */
export interface RequestAnswer {
  statusCode: number;
  requestId: string;
  body: unknown;
  headers: Headers;
}

/** No answer within `timeoutSeconds` (a server may hold the connection open with blank lines first). */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** `/v1/chat/completions` → `/chat/completions`: the path under the profile's base URL (which carries any `/v1`). */
export function endpointPath(url: string): string {
  const pathname = url.startsWith('/') ? url : `/${url}`;
  return pathname.replace(/^\/v1(?=\/)/, '');
}

/**
 * Runs one request under its own abort signal: aborted at `timeoutMs` (the whole answer, body included: a
 * server that sends keep-alive blank lines before the JSON is waited on up to `timeoutMs`) or when `cancel`
 * aborts. Rejects with {@link RequestTimeoutError} on the timeout, else with what `request` rejects with.
 */
export async function withRequestSignal<T>(timeoutMs: number, cancel: AbortSignal, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // One signal per request whose timer is cleared, and whose link to `cancel` is removed, as soon as the
  // answer is in. `AbortSignal.timeout` (and `AbortSignal.any` with the run's long-lived signal) kept every
  // request's signal, and the SDK's listener with its fetch state, alive for the whole timeout (ten minutes
  // by default): kilobytes per request, the bulk of a large run's memory.
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onCancel = () => controller.abort(cancel.reason);
  if (cancel.aborted) onCancel();
  else cancel.addEventListener('abort', onCancel, { once: true });
  try {
    return await request(controller.signal);
  } catch (error) {
    if (!cancel.aborted && timedOut) throw new RequestTimeoutError(`No answer within ${Math.round(timeoutMs / 1000)} s.`);
    throw error;
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}

/**
 * Sends one batch line's body to its endpoint's synchronous API through the official SDK, with the SDK's
 * own retries off (the scheduler owns retrying and backoff), under {@link withRequestSignal}.
 * Rejects with the SDK's errors, {@link RequestTimeoutError}, or the cancel signal's abort.
 */
export function sendRequest(client: OpenAI, url: string, body: Record<string, unknown>, timeoutMs: number, cancel: AbortSignal): Promise<RequestAnswer> {
  return postRequest(client, endpointPath(url), body, timeoutMs, cancel);
}

/** {@link sendRequest} to `path` under the client's base URL, through OpenAI's SDK or Anthropic's (the same `post`). */
export function postRequest(client: OpenAI | Anthropic, path: string, body: Record<string, unknown>, timeoutMs: number, cancel: AbortSignal): Promise<RequestAnswer> {
  return withRequestSignal(timeoutMs, cancel, async (signal) => {
    const { data, response, request_id } = await client.post(path, { body, signal, maxRetries: 0, timeout: timeoutMs }).withResponse();
    return { statusCode: response.status, requestId: request_id ?? '', body: data, headers: response.headers };
  });
}

/** No connection to the server (refused, reset, DNS): the Gemini SDK passes fetch's own error through. */
export class RequestConnectionError extends Error {
  override readonly name = 'RequestConnectionError';
}

/** The headers of a failed answer (Retry-After, rate limits), where the SDK keeps them (Gemini's does not). */
export function failureHeaders(error: unknown): Headers | undefined {
  return error instanceof APIError || error instanceof AnthropicAPIError ? error.headers : undefined;
}

/**
 * 408, 409, 429, 5xx (Anthropic's 529 "overloaded" among them), no connection and a timeout are worth
 * another attempt (any SDK's, as the providers classify them); any other answer is final.
 */
export function isRetryableFailure(error: unknown): boolean {
  return error instanceof RequestTimeoutError || error instanceof RequestConnectionError || isTransient(error);
}

export function isRateLimited(error: unknown): boolean {
  return statusOf(error) === 429;
}

/** A request no answer came back for (a timeout, no connection): its code and message, redacted. */
export function noAnswerFailure(error: unknown, secrets: readonly (string | undefined)[]): { code: 'timeout' | 'connection_error'; message: string } {
  return { code: error instanceof RequestTimeoutError ? 'timeout' : 'connection_error', message: errorMessage(error, secrets) };
}

/** An error body from a provider, with any key it may echo removed. */
export function redactedJson(value: unknown, secrets: readonly (string | undefined)[]): unknown {
  return JSON.parse(redactSecrets(JSON.stringify(value), secrets)) as unknown;
}

/**
 * The `{response, error}` part of an error-file line for a request that failed: an HTTP failure keeps its
 * status and error body (as the Batch API writes them); no answer at all is a top-level error.
 */
export function failureFields(error: unknown, secrets: readonly (string | undefined)[]): { response: unknown; error: unknown } {
  if (error instanceof APIError && error.status !== undefined) {
    const detail = (error.error as Record<string, unknown> | undefined) ?? { message: error.message };
    return { response: { status_code: error.status, request_id: error.requestID ?? '', body: { error: redactedJson(detail, secrets) } }, error: null };
  }
  return { response: null, error: noAnswerFailure(error, secrets) };
}
