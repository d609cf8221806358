/** Emulated time: `timeScale` emulated seconds pass per real second, so a "24h" window can last a second. */
export class EmulatedClock {
  constructor(readonly timeScale: number) {
    if (!(timeScale > 0)) throw new RangeError(`timeScale must be a positive number, got ${timeScale}`);
  }

  /** Real milliseconds that an emulated duration (in seconds) lasts. */
  realMs(emulatedSeconds: number): number {
    return (emulatedSeconds * 1000) / this.timeScale;
  }
}

const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Waits `ms` without keeping the process alive (unref), resolving early when `signal` aborts: lifecycle
 * timers must never hold the emulator open after close.
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    // An infinite wait is only ended by the signal; Node would fire an over-long timeout at once.
    const timer = Number.isFinite(ms) ? setTimeout(done, Math.min(Math.max(0, ms), MAX_TIMEOUT_MS)) : undefined;
    timer?.unref();
    signal?.addEventListener('abort', done, { once: true });
  });
}
