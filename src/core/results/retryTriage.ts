import type { JoinedResult, ResultsJoin } from './joinResults';

/** Whether sending a failed request again, unchanged, can succeed. */
export type FailureKind = 'retryable' | 'permanent';

/** Codes of failures that were not the request's fault: the same request can succeed later. */
const RETRYABLE_CODES = new Set([
  'batch_expired',
  'expired',
  'batch_cancelled',
  'missing_response',
  'rate_limit_exceeded',
  'rate_limit_error',
  'server_error',
  'internal_error',
  'internal_server_error',
  'service_unavailable',
  'overloaded',
  'overloaded_error',
  // Anthropic's 500: an errored Message Batch result of this type was the server's fault.
  'api_error',
  'connection_error',
  'api_connection_error',
]);

/** Codes of failures the request itself causes: sent again unchanged, it fails again. */
const PERMANENT_CODES = new Set([
  'invalid_value',
  'invalid_request',
  'invalid_request_error',
  'context_length_exceeded',
  'string_above_max_length',
  'model_not_found',
  'unsupported_value',
  'unsupported_parameter',
  'unknown_parameter',
  'missing_required_parameter',
  'invalid_type',
  'content_policy_violation',
  'content_filter',
  'invalid_image',
  'invalid_prompt',
  // Anthropic's error types for a request that names a missing model or is over the size limit.
  'not_found_error',
  'request_too_large',
  'permission_error',
]);

/** HTTP statuses worth repeating: timeout, conflict, rate limit and server errors; every other 4xx is permanent. */
function kindOfStatus(status: number): FailureKind | undefined {
  if (status === 408 || status === 409 || status === 429 || status >= 500) return 'retryable';
  return status >= 400 ? 'permanent' : undefined;
}

/**
 * Whether a failed (or missing) request can succeed if sent again: missing, expired and cancelled
 * requests, 429, 5xx and timeouts can; other 4xx (400 `invalid_value`, `context_length_exceeded`) cannot.
 * The HTTP status decides when there is one, then the error code; a failure the result file does not
 * explain counts as retryable (nothing shows the request itself is at fault).
 */
export function failureKind(result: Pick<JoinedResult, 'status' | 'statusCode' | 'errorCode'>): FailureKind {
  if (result.status === 'missing') return 'retryable';
  const byStatus = result.statusCode !== undefined ? kindOfStatus(result.statusCode) : undefined;
  if (byStatus) return byStatus;
  const code = (result.errorCode ?? '').toLowerCase();
  if (RETRYABLE_CODES.has(code) || code.includes('timeout') || code.includes('timed_out')) return 'retryable';
  if (PERMANENT_CODES.has(code)) return 'permanent';
  const numeric = /^(?:http_)?(\d{3})$/.exec(code);
  return (numeric && kindOfStatus(Number(numeric[1]))) || 'retryable';
}

/** A batch's failed and missing requests, split by whether resending them can succeed. In input order. */
export interface FailureTriage {
  retryable: JoinedResult[];
  permanent: JoinedResult[];
}

export function triageFailures(join: ResultsJoin): FailureTriage {
  const triage: FailureTriage = { retryable: [], permanent: [] };
  for (const result of join.results) {
    if (result.status !== 'succeeded') triage[failureKind(result)].push(result);
  }
  return triage;
}

/** `[400] invalid_value: …` or `missing (no result)`, on one line (the text is the caller's to escape). */
export function describeFailure(result: JoinedResult): string {
  if (result.status === 'missing') return 'missing (no result)';
  const status = result.statusCode !== undefined ? `[${result.statusCode}] ` : '';
  return `${status}${result.text.replace(/\s*\r?\n\s*/g, ' ')}`;
}
