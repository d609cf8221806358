/**
 * Token counts, approximated: ceil(characters / 4) of the text involved (OpenAI's own rule of thumb for
 * English), at least 1. No tokenizer is bundled: the emulator needs stable, plausible counts, not exact ones.
 */
export function approximateTokens(characters: number): number {
  return Math.max(1, Math.ceil(characters / 4));
}

/**
 * The number of characters in every string inside a JSON value (message text, roles, part texts). Walks
 * with its own stack, not recursion: a request nested 20,000 deep must not overflow the server's stack.
 */
export function textLength(value: unknown): number {
  let length = 0;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') length += next.length;
    else if (Array.isArray(next)) pending.push(...next);
    else if (typeof next === 'object' && next !== null) pending.push(...Object.values(next));
  }
  return length;
}

export interface TokenUsage {
  input: number;
  output: number;
  cached: number;
  reasoning: number;
}

/** Reads the usage of any endpoint's response body (chat/completions/embeddings or responses naming). */
export function usageOf(body: unknown): TokenUsage | undefined {
  const usage = (body as { usage?: Record<string, unknown> } | undefined)?.usage;
  if (typeof usage !== 'object' || usage === null) return undefined;
  const number = (value: unknown) => (typeof value === 'number' ? value : 0);
  const inputDetails = (usage.prompt_tokens_details ?? usage.input_tokens_details) as Record<string, unknown> | undefined;
  const outputDetails = (usage.completion_tokens_details ?? usage.output_tokens_details) as Record<string, unknown> | undefined;
  return {
    input: number(usage.prompt_tokens ?? usage.input_tokens),
    output: number(usage.completion_tokens ?? usage.output_tokens),
    cached: number(inputDetails?.cached_tokens),
    reasoning: number(outputDetails?.reasoning_tokens),
  };
}
