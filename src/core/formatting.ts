import * as l10n from '@vscode/l10n';
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

/** "4.2 s", "3 min 12 s", "1 h 0 min 5 s": a fast run (the seed's sync API) keeps its tenths. */
export function formatDuration(seconds: number): string {
  if (seconds < 10) return l10n.t('{0} s', seconds.toFixed(1));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round(seconds % 60);
  return h ? l10n.t('{0} h {1} min {2} s', h, m, s) : m ? l10n.t('{0} min {1} s', m, s) : l10n.t('{0} s', s);
}
