import type OpenAI from 'openai';
import { APIConnectionError, APIError } from 'openai';
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
 * Sends one batch line's body to its endpoint's synchronous API through the official SDK, with the SDK's
 * own retries off (the scheduler owns retrying and backoff). The timeout covers the whole answer, body
 * included: a server that sends keep-alive blank lines before the JSON is waited on up to `timeoutMs`.
 * Rejects with the SDK's errors, {@link RequestTimeoutError}, or the cancel signal's abort.
 */
export async function sendRequest(client: OpenAI, url: string, body: Record<string, unknown>, timeoutMs: number, cancel: AbortSignal): Promise<RequestAnswer> {
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
    const { data, response, request_id } = await client.post(endpointPath(url), { body, signal: controller.signal, maxRetries: 0, timeout: timeoutMs }).withResponse();
    return { statusCode: response.status, requestId: request_id ?? '', body: data, headers: response.headers };
  } catch (error) {
    if (!cancel.aborted && timedOut) throw new RequestTimeoutError(`No answer within ${Math.round(timeoutMs / 1000)} s.`);
    throw error;
  } finally {
    clearTimeout(timer);
    cancel.removeEventListener('abort', onCancel);
  }
}

/** 408, 409, 429, 5xx, no connection and a timeout are worth another attempt; any other answer is final. */
export function isRetryableFailure(error: unknown): boolean {
  if (error instanceof RequestTimeoutError) return true;
  if (error instanceof APIError && error.status !== undefined) {
    const status = error.status;
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return error instanceof APIConnectionError;
}

export function isRateLimited(error: unknown): error is APIError {
  return error instanceof APIError && error.status === 429;
}

/**
 * The `{response, error}` part of an error-file line for a request that failed: an HTTP failure keeps its
 * status and error body (as the Batch API writes them); no answer at all is a top-level error.
 */
export function failureFields(error: unknown, secrets: readonly (string | undefined)[]): { response: unknown; error: unknown } {
  if (error instanceof APIError && error.status !== undefined) {
    const detail = (error.error as Record<string, unknown> | undefined) ?? { message: error.message };
    const safe = JSON.parse(redactSecrets(JSON.stringify(detail), secrets)) as unknown;
    return { response: { status_code: error.status, request_id: error.requestID ?? '', body: { error: safe } }, error: null };
  }
  const code = error instanceof RequestTimeoutError ? 'timeout' : 'connection_error';
  const message = errorMessage(error, secrets);
  return { response: null, error: { code, message } };
}
