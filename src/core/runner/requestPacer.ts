import type { RateLimitHeaders } from './rateLimitHeaders';

/** Time as the pacer sees it; tests pass a fake one. */
export interface PacerClock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const realClock: PacerClock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const done = () => {
        signal?.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      const timer = setTimeout(done, Math.max(0, ms));
      signal?.addEventListener('abort', aborted, { once: true });
    }),
};

export interface PacerLimits {
  /** Requests per minute; unset: only the server's own answers slow the run. */
  rpm?: number;
  /** Tokens per minute (prompt estimate + output bound per request). */
  tpm?: number;
}

/**
 * Sends are spaced evenly below the limits, not burst at a window's start: a server counting any window
 * (OpenAI enforces per-minute limits in sub-minute slices) then never sees more than the limit.
 */
const PACE_SHARE_OF_LIMIT = 0.97;
const CATCH_UP_SHARE_OF_INTERVAL = 1;
/** After a 429 every interval grows by this factor (at most {@link MAX_SLOWDOWN}); each success takes back a little. */
const SLOWDOWN_PER_429 = 1.25;
const MAX_SLOWDOWN = 4;
const RECOVERY_PER_SUCCESS = 0.01;
/** A 429 without Retry-After or reset headers pauses every sender this long. */
const DEFAULT_RATE_LIMIT_PAUSE_MS = 1000;

/**
 * The shared gate every sender passes before a request: it spaces requests and tokens evenly under the
 * per-minute budgets (a virtual-schedule token bucket: each send moves the next free time on by its
 * cost), holds everyone while the server has asked to wait (Retry-After, a spent `x-ratelimit-remaining`),
 * and after a 429 slows every sender, not only the one that got it. Senders go in arrival order.
 */
export class RequestPacer {
  private requestsFreeAt = 0;
  private tokensFreeAt = 0;
  private pausedUntil = 0;
  private slowdown = 1;
  private queue: Promise<void> = Promise.resolve();
  private learned: PacerLimits = {};

  constructor(
    private readonly limits: PacerLimits = {},
    private readonly clock: PacerClock = realClock,
    /** A time window no request may start in (a schedule): when it ends, or undefined outside one. */
    private readonly holdUntil: (nowMs: number) => number | undefined = () => undefined,
  ) {}

  /** True when a tokens-per-minute budget applies (given, or learned from the server's headers). */
  get countsTokens(): boolean {
    return Boolean(this.limits.tpm ?? this.learned.tpm);
  }

  /** While a schedule window holds every sender: when it ends (ms since the epoch). */
  get heldUntil(): number | undefined {
    return this.holdUntil(this.clock.now());
  }

  /** While the server has asked every sender to wait: the time (ms) sending resumes. */
  get rateLimitedUntil(): number | undefined {
    return this.pausedUntil > this.clock.now() ? this.pausedUntil : undefined;
  }

  /** Waits for this request's turn under the budgets; rejects when `signal` aborts. */
  acquire(tokens: number, signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.waitForTurn(tokens, signal));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  private async waitForTurn(tokens: number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = this.clock.now();
      const at = Math.max(this.pausedUntil, this.requestsFreeAt, this.tokensFreeAt, this.holdUntil(now) ?? 0);
      if (at <= now) {
        this.take(now, tokens);
        return;
      }
      await this.clock.sleep(at - now, signal);
    }
  }

  private take(now: number, tokens: number): void {
    const rpm = this.limits.rpm ?? this.learned.rpm;
    const tpm = this.limits.tpm ?? this.learned.tpm;
    if (rpm) this.requestsFreeAt = this.nextFreeAt(this.requestsFreeAt, now, this.intervalMs(1, rpm));
    if (tpm) this.tokensFreeAt = this.nextFreeAt(this.tokensFreeAt, now, this.intervalMs(tokens, tpm));
  }

  /**
   * A sender that woke late (a busy event loop, a loaded machine) keeps to the schedule instead of starting
   * it again from now, so timer lateness is not lost from the rate: restarting from each late wake cost a
   * tenth of the rate at a load of 8 on two cores. The catch-up is bounded to one interval, so two requests
   * at most go back to back and any window holds at most two more than the even pace: still under the
   * limit, which the pace undercuts by 3% (two requests of headroom in a window of 67 or more).
   */
  private nextFreeAt(freeAt: number, now: number, interval: number): number {
    return (freeAt >= now - interval * CATCH_UP_SHARE_OF_INTERVAL ? freeAt : now) + interval;
  }

  private intervalMs(units: number, perMinute: number): number {
    return (units * 60_000 * this.slowdown) / (perMinute * PACE_SHARE_OF_LIMIT);
  }

  /** An answer arrived: learn the server's limits when none were given, and wait when it says a budget is spent. */
  onAnswer(headers: RateLimitHeaders): void {
    this.slowdown = Math.max(1, this.slowdown - RECOVERY_PER_SUCCESS);
    if (headers.limitRequests) this.learned.rpm = headers.limitRequests;
    if (headers.limitTokens) this.learned.tpm = headers.limitTokens;
    const now = this.clock.now();
    if (headers.remainingRequests === 0 && headers.resetRequestsMs !== undefined) this.pauseUntil(now + headers.resetRequestsMs);
    if (headers.remainingTokens === 0 && headers.resetTokensMs !== undefined) this.pauseUntil(now + headers.resetTokensMs);
  }

  /** A 429: every sender waits as long as the server asked (else a second) and then goes slower. */
  onRateLimited(headers: RateLimitHeaders): void {
    const now = this.clock.now();
    const wait = headers.retryAfterMs ?? Math.max(headers.resetRequestsMs ?? 0, headers.resetTokensMs ?? 0);
    // One slowdown per pause: the other senders' 429s from the same moment are the same news.
    if (this.pausedUntil <= now) this.slowdown = Math.min(MAX_SLOWDOWN, this.slowdown * SLOWDOWN_PER_429);
    this.pauseUntil(now + (wait > 0 ? wait : DEFAULT_RATE_LIMIT_PAUSE_MS));
  }

  private pauseUntil(time: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, time);
  }
}
