const numberFormat = new Intl.NumberFormat('en-US');

/** "1,204". */
export function formatCount(value: number): string {
  return numberFormat.format(value);
}

/** "1 request", "1,204 requests". */
export function formatCountOf(count: number, noun: string): string {
  return `${formatCount(count)} ${noun}${count === 1 ? '' : 's'}`;
}
