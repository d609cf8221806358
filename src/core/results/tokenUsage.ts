/**
 * Tokens one result (or many) used, in one shape for every endpoint: chat and completions report
 * `prompt_tokens`/`completion_tokens`, `/v1/responses` reports `input_tokens`/`output_tokens`, embeddings
 * only `prompt_tokens`. Cached tokens are part of `prompt`, reasoning tokens part of `completion`.
 */
export interface TokenUsage {
  prompt: number;
  completion: number;
  cached: number;
  reasoning: number;
  total: number;
}

export function emptyUsage(): TokenUsage {
  return { prompt: 0, completion: 0, cached: 0, reasoning: 0, total: 0 };
}

/** Adds `more` into `sum` (mutates and returns `sum`, so a running total allocates nothing). */
export function addUsage(sum: TokenUsage, more: TokenUsage): TokenUsage {
  sum.prompt += more.prompt;
  sum.completion += more.completion;
  sum.cached += more.cached;
  sum.reasoning += more.reasoning;
  sum.total += more.total;
  return sum;
}

type Json = Record<string, unknown>;

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Json)[key] : undefined;
}

/**
 * Reads a response body's `usage`, whichever endpoint wrote it; provider extras (Groq's `queue_time`,
 * `prompt_time`…) are ignored. A missing or malformed usage counts as zero, never as an error.
 */
export function readUsage(body: unknown): TokenUsage {
  const usage = field(body, 'usage');
  if (usage === null || typeof usage !== 'object') return emptyUsage();
  const prompt = count(field(usage, 'prompt_tokens')) || count(field(usage, 'input_tokens'));
  const completion = count(field(usage, 'completion_tokens')) || count(field(usage, 'output_tokens'));
  const promptDetails = field(usage, 'prompt_tokens_details') ?? field(usage, 'input_tokens_details');
  const completionDetails = field(usage, 'completion_tokens_details') ?? field(usage, 'output_tokens_details');
  return {
    prompt,
    completion,
    // DeepSeek reports its context-cache hits as `prompt_cache_hit_tokens` (part of `prompt_tokens`).
    cached: count(field(promptDetails, 'cached_tokens')) || count(field(usage, 'prompt_cache_hit_tokens')),
    reasoning: count(field(completionDetails, 'reasoning_tokens')),
    total: count(field(usage, 'total_tokens')) || prompt + completion,
  };
}
