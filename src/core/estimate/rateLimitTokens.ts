import type { BatchDialect } from '../dialects';
import { countRequestTokens } from './requestTokens';
import { tokenizerForModel } from './tokenizer';

/**
 * The tokens a request counts against a tokens-per-minute limit before it runs: its prompt, counted as the
 * provider counts it (the model's tokenizer and the chat framing), plus the most output it may generate
 * (`max_tokens` × `n` and their kin). The runner paces by it and the emulator enforces it, so both agree.
 * Text in other scripts counts as it really does: Chinese is about a token a character, not a quarter.
 */
export function rateLimitTokens(url: string | undefined, body: Record<string, unknown>): number {
  const model = typeof body.model === 'string' ? body.model : undefined;
  const tokens = countRequestTokens(url, body, tokenizerForModel(model));
  return Math.max(1, tokens.input + (tokens.outputBound ?? 0));
}

/**
 * {@link rateLimitTokens} of a batch line of another dialect (`line` holds its `params` or `request`),
 * counted as its chat equivalent, as the estimate counts it; 1 when it has none.
 */
export function dialectRateLimitTokens(dialect: Pick<BatchDialect, 'countedRequest'>, line: Record<string, unknown>): number {
  const counted = dialect.countedRequest(line);
  return counted ? rateLimitTokens(counted.url, counted.body) : 1;
}
