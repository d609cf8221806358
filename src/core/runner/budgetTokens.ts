import { estimateRequestTokens } from '../emulator/usage';

/**
 * Tokens a request counts against a tokens-per-minute limit before it runs: the prompt's estimate plus the
 * most output it may generate, as the limits count them. The one place the runner estimates tokens, so a
 * better estimate replaces it here alone.
 */
export function budgetTokens(body: Record<string, unknown>): number {
  return estimateRequestTokens(body);
}
