import * as l10n from '@vscode/l10n';
import type { CostSummary, EstimateComparison, ResultsSummary } from './resultsSummary';
import { formatCount, formatDuration } from '../formatting';
import { markdownCode, markdownText as cell } from '../text/markdownText';
import { summaryChartsMarkdown } from './summaryCharts';

/** Ids listed in full up to this many; longer lists end in "and N more". */
const MAX_LISTED_IDS = 20;

function decimal(value: number, digits: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

function money(value: number, currency: string): string {
  return `${decimal(value, value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)} ${cell(currency)}`;
}

function percent(part: number, whole: number): string {
  return whole ? `${decimal((100 * part) / whole, 1)}%` : '–';
}


/** `| a | b |`: one row of a Markdown table. */
function tableRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function idList(title: string, ids: string[]): string[] {
  if (!ids.length) return [];
  const listed = ids.slice(0, MAX_LISTED_IDS).map((id) => markdownCode(id));
  const more = ids.length > MAX_LISTED_IDS ? l10n.t(', and {0} more', formatCount(ids.length - MAX_LISTED_IDS)) : '';
  return [`- **${title}** (${formatCount(ids.length)}): ${listed.join(', ')}${more}`];
}

function costSection(cost: CostSummary): string[] {
  const out = [`## ${l10n.t('Cost')}`, '', l10n.t('Discount: {0}.', cell(cost.discount.label))];
  if (cost.byModel.length) {
    out.push('', tableRow([l10n.t('Model'), l10n.t('Priced as'), l10n.t('Requests'), l10n.t('Synchronous'), l10n.t('Batch'), l10n.t('Saving')]), '|---|---|---:|---:|---:|---:|');
    for (const entry of cost.byModel) {
      const saving = entry.synchronous - entry.batch;
      out.push(`| ${cell(entry.model)} | ${cell(entry.priceName)} | ${formatCount(entry.requests)} | ${money(entry.synchronous, cost.currency)} | ${money(entry.batch, cost.currency)} | ${money(saving, cost.currency)} |`);
    }
    out.push(`| **${l10n.t('Total')}** | | | ${money(cost.synchronous, cost.currency)} | ${money(cost.batch, cost.currency)} | ${money(cost.saving, cost.currency)} |`);
    const timeOfDay = cost.byModel.reduce((sum, entry) => sum + entry.timeOfDayRequests, 0);
    if (timeOfDay) out.push('', l10n.t("{0} of them were sent in the provider's peak hours and are priced at its time-of-day rate.", formatCount(timeOfDay)));
  }
  if (cost.unpricedModels.length) out.push('', l10n.t('Not priced (no entry in the price table): {0}.', cost.unpricedModels.map(cell).join(', ')));
  return out;
}

/** Input: how close the estimate came; output: what share of the bound the run used. */
function estimateSection(estimate: EstimateComparison): string[] {
  const { estimatedInputTokens: input, estimatedOutputTokensMax: bound, usedPromptTokens: prompt, usedCompletionTokens: completion } = estimate;
  return [
    `## ${l10n.t('Estimate and usage')}`,
    '',
    tableRow(['', l10n.t('Estimated'), l10n.t('Used'), '']),
    '|---|---:|---:|---|',
    tableRow([l10n.t('Input tokens'), formatCount(input), formatCount(prompt), input ? l10n.t('{0} of the estimate', percent(prompt, input)) : '–']),
    tableRow([l10n.t('Output tokens'), l10n.t('at most {0}', formatCount(bound)), formatCount(completion), bound ? l10n.t('{0} of the bound', percent(completion, bound)) : '–']),
  ];
}

/**
 * The summary as Markdown (for a Markdown preview, a webview or a file): overview, errors by code,
 * tokens, cost and completeness. All text from the files and the price table is escaped, line breaks included.
 */
export function renderSummaryMarkdown(summary: ResultsSummary, title = l10n.t('Batch results')): string {
  const { byStatus, usage, cost, throughput, averageTokensPerRequest: average } = summary;
  const out: string[] = [`# ${cell(title)}`, ''];
  out.push('| | |', '|---|---:|');
  out.push(tableRow([l10n.t('Requests'), formatCount(summary.total)]));
  out.push(tableRow([l10n.t('Succeeded'), `${formatCount(byStatus.succeeded)} (${percent(byStatus.succeeded, summary.total)})`]));
  out.push(tableRow([l10n.t('Failed'), `${formatCount(byStatus.failed)} (${percent(byStatus.failed, summary.total)})`]));
  out.push(tableRow([l10n.t('Missing'), `${formatCount(byStatus.missing)} (${percent(byStatus.missing, summary.total)})`]));
  out.push(tableRow([l10n.t('Duration'), summary.durationSeconds !== undefined ? formatDuration(summary.durationSeconds) : l10n.t('unknown')]));
  if (throughput) {
    out.push(tableRow([l10n.t('Throughput'), l10n.t('{0} requests/s, {1} tokens/s', decimal(throughput.requestsPerSecond, 2), decimal(throughput.tokensPerSecond, 1))]));
  }
  if (average) {
    out.push(tableRow([l10n.t('Average tokens per succeeded request'), l10n.t('{0} ({1} prompt, {2} completion)', decimal(average.total, 1), decimal(average.prompt, 1), decimal(average.completion, 1))]));
  }
  if (summary.byErrorCode.length) {
    out.push('', `## ${l10n.t('Errors by code')}`, '', tableRow([l10n.t('Code'), l10n.t('Requests')]), '|---|---:|');
    for (const { code, count: n } of summary.byErrorCode) out.push(`| ${markdownCode(code, true)} | ${formatCount(n)} |`);
  }
  out.push('', `## ${l10n.t('Tokens')}`, '', tableRow([l10n.t('Prompt'), l10n.t('Cached'), l10n.t('Completion'), l10n.t('Reasoning'), l10n.t('Total')]), '|---:|---:|---:|---:|---:|');
  out.push(`| ${[usage.prompt, usage.cached, usage.completion, usage.reasoning, usage.total].map((value) => formatCount(value)).join(' | ')} |`);
  if (summary.estimate) out.push('', ...estimateSection(summary.estimate));
  if (cost) out.push('', ...costSection(cost));
  out.push('', ...summaryChartsMarkdown(summary));
  const { missing, duplicates, unknown } = summary.completeness;
  const completeness = [
    ...idList(l10n.t('Missing'), missing),
    ...idList(l10n.t('Duplicated in the results'), duplicates),
    ...idList(l10n.t('Unknown to the input'), unknown),
  ];
  out.push('', `## ${l10n.t('Completeness')}`, '', ...(completeness.length ? completeness : [l10n.t('Every request has exactly one result.')]));
  return `${out.join('\n')}\n`;
}
