const numberFormat = new Intl.NumberFormat('en-US');

/** "1,204". */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** "1 request", "1,204 requests"; `plural` for nouns that take more than an "s" ("batches"). */
export function formatCountOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}

/** "0.0139 USD"; sums under a cent get more digits. */
export function formatMoney(value: number, currency: string): string {
  return `${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)} ${currency}`;
}
