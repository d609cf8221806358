import { setTimeout as sleep } from 'node:timers/promises';
import pRetry from 'p-retry';
import type { Job } from '../jobs/job';
import type { BatchProvider, CreateBatchParams } from '../providers/batchProvider';
import { isAbort, isTransient, mayHaveReachedServer, retryAfterMs, waitsTooLong } from '../providers/httpErrors';
import type { ProviderLog } from '../providers/redaction';
import { findInRecentBatches } from './duplicateCheck';

/** Create attempts after the first; each one is preceded by a reconciliation. */
const CREATE_RETRIES = 3;

/**
 * The create call failed in a way that may have reached the server, and this provider cannot list its
 * batches to find out: retrying could start a second paid batch, so it is not retried.
 */
export class CreateOutcomeUnknownError extends Error {
  override readonly name = 'CreateOutcomeUnknownError';
  constructor(override readonly cause: unknown) {
    super('The create request may have reached the provider, and it cannot be checked from here.', { cause });
  }
}

export type CreateOnceParams = Omit<CreateBatchParams, 'maxRetries' | 'metadata'> & { metadata: Record<string, string> & { client_token: string } };

/**
 * Creates a batch at most once. The HTTP client never repeats the call itself (`maxRetries: 0`: the SDK
 * sends no idempotency key). When an attempt fails transiently, the next attempt first lists recent
 * batches and returns the one carrying our `client_token`, if the lost attempt created it; only when none
 * does is the create sent again. Providers that cannot list are not retried after an ambiguous failure.
 */
export async function createBatchOnce(provider: BatchProvider, params: CreateOnceParams, log?: ProviderLog): Promise<Job> {
  if (provider.capabilities.completesOnCreate) {
    // The seed's sync API runs (and retries) each chunk inside create; there is no batch to reconcile.
    return provider.createBatch(params);
  }
  const token = params.metadata.client_token;
  // Finding the batch a lost answer created needs a list of batches that carry our client_token.
  const canReconcile = provider.capabilities.listsServerBatches && provider.capabilities.keepsSubmissionMetadata;
  // Nothing cancels a create once sent, so a Retry-After beyond a minute (an hourly quota) is not waited
  // out here: the error goes back to the user with when to try again.
  const shouldRetry = (error: unknown) => !isAbort(error) && isTransient(error) && !waitsTooLong(error) && (canReconcile || !mayHaveReachedServer(error));
  try {
    return await pRetry(
      async (attempt) => {
        if (attempt > 1) {
          const existing = await findInRecentBatches(provider, (job) => job.clientToken === token, params.signal);
          if (existing) {
            log?.('info', `create: the earlier attempt had created batch ${existing.id} (matched client_token); not creating another`);
            return existing;
          }
        }
        return provider.createBatch({ ...params, maxRetries: 0 });
      },
      {
        retries: CREATE_RETRIES,
        minTimeout: 500,
        signal: params.signal,
        shouldRetry: ({ error }) => shouldRetry(error),
        onFailedAttempt: async ({ error, retriesLeft }) => {
          log?.('warn', `create attempt failed: ${error.message}`);
          // p-retry calls this before shouldRetry: wait only for an attempt that will follow.
          const wait = retriesLeft > 0 && shouldRetry(error) ? retryAfterMs(error) : undefined;
          if (wait !== undefined) await sleep(wait, undefined, { signal: params.signal });
        },
      },
    );
  } catch (error) {
    if (!mayHaveReachedServer(error)) throw error;
    if (!canReconcile) throw new CreateOutcomeUnknownError(error);
    // The last attempt may have created it too: look once more before giving up.
    const existing = await findInRecentBatches(provider, (job) => job.clientToken === token, params.signal).catch(() => undefined);
    if (existing) return existing;
    throw error;
  }
}
