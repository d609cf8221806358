import { ApiError } from './apiError';
import type { EmulatedClock } from './timing';
import type { BatchFault, FaultSettings, LatencyDistribution } from './types';

/** FNV-1a: a fast, stable 32-bit hash for deriving per-request random numbers from a seed and a key. */
export function hash32(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1); the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A fixed window of one emulated minute counting requests and tokens, as RPM/TPM limits are stated. */
interface RateWindow {
  startMs: number;
  requests: number;
  tokens: number;
}

/**
 * The faults the emulator injects, deterministic under its seed. Fields are public so a test can change them
 * between calls (`emulator.faults.rpm = 2`); `failNextBatch` queues a fault for the next created batch.
 */
export class FaultInjector implements FaultSettings {
  latency?: LatencyDistribution;
  rpm?: number;
  tpm?: number;
  failRate?: number;
  dropRate?: number;
  keepAliveMs?: number;
  batchFault?: BatchFault;
  private readonly random: () => number;
  /** Runs per fault key so far: a retried line draws its fault afresh. */
  private readonly runsByKey = new Map<string, number>();
  private readonly batchFaults: BatchFault[] = [];
  private window: RateWindow = { startMs: 0, requests: 0, tokens: 0 };

  constructor(
    settings: FaultSettings,
    readonly seed: number,
    private readonly clock: EmulatedClock,
  ) {
    this.set(settings);
    this.random = seededRandom(seed);
  }

  /** Replaces every setting (unset ones turn off) and forgets queued batch faults. */
  set(settings: FaultSettings): void {
    this.latency = settings.latency;
    this.rpm = settings.rpm;
    this.tpm = settings.tpm;
    this.failRate = settings.failRate;
    this.dropRate = settings.dropRate;
    this.keepAliveMs = settings.keepAliveMs;
    this.batchFault = settings.batchFault;
    this.batchFaults.length = 0;
    this.window = { startMs: 0, requests: 0, tokens: 0 };
  }

  /** The next batch created fails validation, expires (after running part of its requests) or stalls in_progress. */
  failNextBatch(fault: BatchFault): void {
    this.batchFaults.push(fault);
  }

  /** The fault for a batch being created: a queued one first, else the standing `batchFault`. */
  takeBatchFault(): BatchFault | undefined {
    return this.batchFaults.shift() ?? this.batchFault;
  }

  latencyMs(): number {
    const latency = this.latency;
    if (!latency || latency.meanMs <= 0) return 0;
    if (latency.kind === 'uniform') return this.random() * 2 * latency.meanMs;
    if (latency.kind === 'exponential') return -Math.log(1 - this.random()) * latency.meanMs;
    return latency.meanMs;
  }

  shouldDropConnection(): boolean {
    return (this.dropRate ?? 0) > 0 && this.random() < this.dropRate!;
  }

  /**
   * 500 or 503 when this inference request should fail. With a `key` (a batch line's custom_id) the answer
   * depends only on the seed, the key and how many times the key ran before, so a batch fails the same
   * lines whatever the execution order, and a retry of a failed line draws again (as a real 5xx would).
   */
  inferenceFailure(key?: string): 500 | 503 | undefined {
    const rate = this.failRate ?? 0;
    if (rate <= 0) return undefined;
    const draw = key === undefined ? this.random() : seededRandom(hash32(this.attemptKey(key), this.seed))();
    if (draw >= rate) return undefined;
    return draw < rate / 2 ? 503 : 500;
  }

  /** `key`, then `key#1`, `key#2`… on each later run of the same key. */
  private attemptKey(key: string): string {
    const attempt = this.runsByKey.get(key) ?? 0;
    this.runsByKey.set(key, attempt + 1);
    return attempt === 0 ? key : `${key}#${attempt}`;
  }

  /** Counts one API call against the RPM limit; returns the 429 to answer when over it. */
  admitRequest(): ApiError | undefined {
    const window = this.currentWindow();
    if (this.rpm !== undefined && window.requests >= this.rpm) return this.rateLimited('requests', this.rpm, window.requests, 1);
    window.requests++;
    return undefined;
  }

  /**
   * Counts an inference request's tokens against the TPM limit; returns the 429 to answer when over it.
   * `countTokens` runs only while a TPM limit is set: counting loads a tokenizer.
   */
  admitTokens(countTokens: () => number): ApiError | undefined {
    if (this.tpm === undefined) return undefined;
    const tokens = countTokens();
    const window = this.currentWindow();
    if (window.tokens + tokens > this.tpm) return this.rateLimited('tokens', this.tpm, window.tokens, tokens);
    window.tokens += tokens;
    return undefined;
  }

  /**
   * OpenAI's rate-limit headers for a limit in force (`x-ratelimit-limit/remaining/reset-requests` or
   * `-tokens`), sent on every answer so a client can pace itself before it ever gets a 429.
   */
  rateLimitHeaders(kind: 'requests' | 'tokens'): Record<string, string> {
    const limit = kind === 'requests' ? this.rpm : this.tpm;
    if (limit === undefined) return {};
    const window = this.currentWindow();
    const used = kind === 'requests' ? window.requests : window.tokens;
    return {
      [`x-ratelimit-limit-${kind}`]: String(limit),
      [`x-ratelimit-remaining-${kind}`]: String(Math.max(0, limit - used)),
      [`x-ratelimit-reset-${kind}`]: `${this.msUntilWindowEnds()}ms`,
    };
  }

  private msUntilWindowEnds(): number {
    return Math.max(1, Math.ceil(this.window.startMs + this.clock.realMs(60) - Date.now()));
  }

  private currentWindow(): RateWindow {
    const now = Date.now();
    if (now - this.window.startMs >= this.clock.realMs(60)) this.window = { startMs: now, requests: 0, tokens: 0 };
    return this.window;
  }

  private rateLimited(kind: 'requests' | 'tokens', limit: number, used: number, requested: number): ApiError {
    const waitMs = this.msUntilWindowEnds();
    const name = kind === 'requests' ? 'requests per min (RPM)' : 'tokens per min (TPM)';
    const message =
      `Rate limit reached on ${name}: Limit ${limit}, Used ${used}, Requested ${requested}. ` +
      `Please try again in ${(waitMs / 1000).toFixed(3)}s. (emulated limit)`;
    return new ApiError(429, message, kind, null, 'rate_limit_exceeded', {
      'retry-after': String(Math.ceil(waitMs / 1000)),
      'retry-after-ms': String(waitMs),
      [`x-ratelimit-limit-${kind}`]: String(limit),
      [`x-ratelimit-remaining-${kind}`]: '0',
      [`x-ratelimit-reset-${kind}`]: `${waitMs}ms`,
    });
  }
}
