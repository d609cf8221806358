import type { NotCounted, RequestTokens } from './requestTokens';

/** OpenAI caches a prompt prefix once it is at least this long (prompt caching guide). */
export const PROMPT_CACHE_MIN_TOKENS = 1024;

/** The token totals of a batch file. */
export interface FileTokens {
  requests: number;
  inputTokens: number;
  /** The sum of every request's output bound (requests without one add nothing: see `unboundedRequests`). */
  outputTokensMax: number;
  /** Requests with no output bound: their output cost has no ceiling. */
  unboundedRequests: number;
  /** Every request was counted exactly. */
  exact: boolean;
  notCounted: NotCounted[];
  /**
   * The largest group of requests sharing one prompt prefix (tools and all messages but the last), when two
   * or more do: how many, and the prefix's tokens.
   */
  sharedPrefix?: { requests: number; tokens: number };
}

/** Adds up request counts in any order; `remove` takes one back out (an edited line), so totals stay incremental. */
export class FileTokenTotals {
  private requests = 0;
  private input = 0;
  private output = 0;
  private unbounded = 0;
  private inexact = 0;
  private readonly notCounted = new Map<NotCounted, number>();
  private readonly prefixes = new Map<string, { requests: number; tokens: number }>();

  add(tokens: RequestTokens): void {
    this.apply(tokens, 1);
  }

  remove(tokens: RequestTokens): void {
    this.apply(tokens, -1);
  }

  totals(): FileTokens {
    const result: FileTokens = {
      requests: this.requests,
      inputTokens: this.input,
      outputTokensMax: this.output,
      unboundedRequests: this.unbounded,
      exact: this.inexact === 0,
      notCounted: [...this.notCounted.keys()],
    };
    let best: { requests: number; tokens: number } | undefined;
    for (const group of this.prefixes.values()) {
      if (group.requests >= 2 && (!best || group.requests * group.tokens > best.requests * best.tokens)) best = group;
    }
    if (best) result.sharedPrefix = { ...best };
    return result;
  }

  private apply(tokens: RequestTokens, sign: 1 | -1): void {
    this.requests += sign;
    this.input += sign * tokens.input;
    if (tokens.outputBound === undefined) this.unbounded += sign;
    else this.output += sign * tokens.outputBound;
    if (!tokens.exact) this.inexact += sign;
    for (const part of tokens.notCounted) {
      const count = (this.notCounted.get(part) ?? 0) + sign;
      if (count > 0) this.notCounted.set(part, count);
      else this.notCounted.delete(part);
    }
    if (tokens.prefix) {
      const group = this.prefixes.get(tokens.prefix.key) ?? { requests: 0, tokens: tokens.prefix.tokens };
      group.requests += sign;
      if (group.requests > 0) this.prefixes.set(tokens.prefix.key, group);
      else this.prefixes.delete(tokens.prefix.key);
    }
  }
}
