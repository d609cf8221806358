import * as l10n from '@vscode/l10n';
import type { ResultStatus } from './joinResults';
import type { ResultsSummary, TokenHistogramBin } from './resultsSummary';
import { formatCount } from '../formatting';

/** Charts for the summary, as SVG images built here (no script, no external resource), embedded as data URIs. */

const WIDTH = 480;
const FONT = 'font-family="sans-serif" font-size="12"';
const STATUS_COLOURS: Record<ResultStatus, string> = { succeeded: '#2e7d32', failed: '#c62828', missing: '#757575' };

/** Text inside an SVG element: the characters XML gives meaning to become entities. */
function xmlText(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

function svgDocument(height: number, title: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img">`,
    `<title>${xmlText(title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...body,
    '</svg>',
  ].join('');
}

/** Horizontal bars: how many requests succeeded, failed and are missing. */
export function statusChartSvg(byStatus: Record<ResultStatus, number>): string {
  const statuses: ResultStatus[] = ['succeeded', 'failed', 'missing'];
  const statusNames: Record<ResultStatus, string> = { succeeded: l10n.t('succeeded'), failed: l10n.t('failed'), missing: l10n.t('missing') };
  const most = Math.max(1, ...statuses.map((status) => byStatus[status]));
  const barArea = WIDTH - 200;
  const body = statuses.flatMap((status, index) => {
    const y = 10 + index * 28;
    const width = Math.round((barArea * byStatus[status]) / most);
    return [
      `<text x="10" y="${y + 15}" ${FONT} fill="#222">${xmlText(statusNames[status])}</text>`,
      `<rect x="90" y="${y}" width="${width}" height="20" fill="${STATUS_COLOURS[status]}"/>`,
      `<text x="${96 + width}" y="${y + 15}" ${FONT} fill="#222">${formatCount(byStatus[status])}</text>`,
    ];
  });
  return svgDocument(10 + statuses.length * 28, l10n.t('Requests by status'), body);
}

/** Vertical bars: how many succeeded requests used how many tokens. */
export function tokenHistogramSvg(bins: readonly TokenHistogramBin[]): string {
  const height = 180;
  const top = 20;
  const bottom = height - 40;
  const left = 40;
  const most = Math.max(1, ...bins.map((bin) => bin.count));
  const slot = (WIDTH - left - 10) / Math.max(1, bins.length);
  const body = [`<line x1="${left}" y1="${bottom}" x2="${WIDTH - 10}" y2="${bottom}" stroke="#888"/>`, `<text x="4" y="${top + 4}" ${FONT} fill="#222">${formatCount(most)}</text>`];
  bins.forEach((bin, index) => {
    const barHeight = Math.round(((bottom - top) * bin.count) / most);
    const x = Math.round(left + index * slot + 2);
    body.push(`<rect x="${x}" y="${bottom - barHeight}" width="${Math.max(1, Math.round(slot - 4))}" height="${barHeight}" fill="#1565c0"><title>${xmlText(l10n.t('{0}–{1} tokens: {2}', formatCount(bin.from), formatCount(bin.to), formatCount(bin.count)))}</title></rect>`);
    if (index % Math.ceil(bins.length / 5) === 0) body.push(`<text x="${x}" y="${bottom + 16}" ${FONT} fill="#222">${formatCount(bin.from)}</text>`);
  });
  body.push(`<text x="${left}" y="${height - 6}" ${FONT} fill="#222">${xmlText(l10n.t('tokens per succeeded request'))}</text>`);
  return svgDocument(height, l10n.t('Tokens per succeeded request'), body);
}

function image(alt: string, svg: string): string {
  return `![${alt}](data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')})`;
}

/** The summary's charts as Markdown lines: counts by status, and the histogram of tokens per request. */
export function summaryChartsMarkdown(summary: Pick<ResultsSummary, 'byStatus' | 'tokenHistogram'>): string[] {
  const out = [`## ${l10n.t('Charts')}`, '', image(l10n.t('Requests by status'), statusChartSvg(summary.byStatus))];
  if (summary.tokenHistogram.length) out.push('', image(l10n.t('Tokens per succeeded request'), tokenHistogramSvg(summary.tokenHistogram)));
  return out;
}
