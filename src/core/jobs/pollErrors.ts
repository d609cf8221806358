import { retryAfterMs } from '../providers/httpErrors';

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
  // No key at all stops the loop the same way a refused one does: both need the user.
  if (status === 401 || status === 403 || (error as Error | undefined)?.name === 'MissingApiKeyError') return { kind: 'auth' };
  if (status === 429) return { kind: 'rateLimited', retryAfterMs: retryAfterMs(error) };
  return { kind: 'transient' };
}
