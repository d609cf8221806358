import { queueHeadroom, type QueueHeadroom } from '../estimate';
import type { JobStore } from '../jobs/jobStore';
import type { Profile } from '../providers/profile';

/**
 * Resolves once `tokens` more fit in the profile's enqueued-token limit for `model`, counting this machine's
 * active jobs; until then it waits for the JobStore to change (the status poller records jobs as they end),
 * calling `onWaiting` with the headroom each time it still does not fit. Rejects with the signal's reason
 * when aborted. A profile with no known limit never waits.
 */
export async function waitForQueueHeadroom(
  jobStore: JobStore,
  profile: Pick<Profile, 'name' | 'kind' | 'enqueuedTokenLimit' | 'usageTier'>,
  model: string | undefined,
  tokens: number,
  options: { signal?: AbortSignal; onWaiting?: (headroom: QueueHeadroom) => void } = {},
): Promise<void> {
  const { signal, onWaiting } = options;
  for (;;) {
    signal?.throwIfAborted();
    const headroom = queueHeadroom(profile, model, jobStore.all(), tokens);
    if (headroom.fits) return;
    onWaiting?.(headroom);
    await new Promise<void>((resolve, reject) => {
      const subscription = jobStore.onDidChange(() => done(resolve));
      const abort = (): void => done(() => reject(signal?.reason));
      signal?.addEventListener('abort', abort, { once: true });
      function done(settle: () => void): void {
        subscription.dispose();
        signal?.removeEventListener('abort', abort);
        settle();
      }
    });
  }
}
