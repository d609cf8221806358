const numberFormat = new Intl.NumberFormat('en-US');

/** "1,204". */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** "1 request", "1,204 requests"; `plural` for nouns that take more than an "s" ("batches"). */
export function formatCountOf(count: number, noun: string, plural = `${noun}s`): string {
  return `${formatCount(count)} ${count === 1 ? noun : plural}`;
}
