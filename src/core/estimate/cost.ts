import { findModelPrice, type PriceTable } from '../results/priceTable';
import { PROMPT_CACHE_MIN_TOKENS, type FileTokens } from './fileEstimate';

/** What a file may cost at most, at synchronous and at batch prices (an estimate, never a bill). */
export interface CostEstimate {
  currency: string;
  /** The price table entry used (`gpt-4o-mini` for `gpt-4o-mini-2024-07-18`). */
  priceName: string;
  discountLabel: string;
  /** Input plus the output bound, at synchronous prices; a floor when some requests are unbounded. */
  sync: number;
  batch: number;
  /** What prompt caching of the shared prefix would take off the batch cost, when the prefix is long enough to be cached. */
  cachingSaving?: number;
}

const PER_MILLION = 1_000_000;

/**
 * The cost of a file's tokens for `model` with the table's discount `discountName` (see
 * `discountNameForProfile`); `undefined` when the model has no price.
 */
export function estimateCost(tokens: FileTokens, model: string | undefined, prices: PriceTable, discountName: string): CostEstimate | undefined {
  const found = model === undefined ? undefined : findModelPrice(prices, model);
  if (!found) return undefined;
  const { price, name } = found;
  const discount = prices.discounts[discountName] ?? { rate: 0, label: 'no discount' };
  const sync = (tokens.inputTokens * price.input + tokens.outputTokensMax * price.output) / PER_MILLION;
  const estimate: CostEstimate = { currency: prices.currency, priceName: name, discountLabel: discount.label, sync, batch: sync * (1 - discount.rate) };
  const shared = tokens.sharedPrefix;
  if (shared && shared.tokens >= PROMPT_CACHE_MIN_TOKENS && price.cachedInput !== undefined) {
    // The first request writes the cache; the others may read it.
    const hits = (shared.requests - 1) * shared.tokens;
    estimate.cachingSaving = ((hits * (price.input - price.cachedInput)) / PER_MILLION) * (1 - discount.rate);
  }
  return estimate;
}
