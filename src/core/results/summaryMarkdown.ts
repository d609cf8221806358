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


function idList(title: string, ids: string[]): string[] {
  if (!ids.length) return [];
  const listed = ids.slice(0, MAX_LISTED_IDS).map((id) => markdownCode(id));
  const more = ids.length > MAX_LISTED_IDS ? `, and ${formatCount(ids.length - MAX_LISTED_IDS)} more` : '';
  return [`- **${title}** (${formatCount(ids.length)}): ${listed.join(', ')}${more}`];
}

function costSection(cost: CostSummary): string[] {
  const out = ['## Cost', '', `Discount: ${cell(cost.discount.label)}.`];
  if (cost.byModel.length) {
    out.push('', '| Model | Priced as | Requests | Synchronous | Batch | Saving |', '|---|---|---:|---:|---:|---:|');
    for (const entry of cost.byModel) {
      const saving = entry.synchronous - entry.batch;
      out.push(`| ${cell(entry.model)} | ${cell(entry.priceName)} | ${formatCount(entry.requests)} | ${money(entry.synchronous, cost.currency)} | ${money(entry.batch, cost.currency)} | ${money(saving, cost.currency)} |`);
    }
    out.push(`| **Total** | | | ${money(cost.synchronous, cost.currency)} | ${money(cost.batch, cost.currency)} | ${money(cost.saving, cost.currency)} |`);
    const timeOfDay = cost.byModel.reduce((sum, entry) => sum + entry.timeOfDayRequests, 0);
    if (timeOfDay) out.push('', `${formatCount(timeOfDay)} of them were sent in the provider's peak hours and are priced at its time-of-day rate.`);
  }
  if (cost.unpricedModels.length) out.push('', `Not priced (no entry in the price table): ${cost.unpricedModels.map(cell).join(', ')}.`);
  return out;
}

/** Input: how close the estimate came; output: what share of the bound the run used. */
function estimateSection(estimate: EstimateComparison): string[] {
  const { estimatedInputTokens: input, estimatedOutputTokensMax: bound, usedPromptTokens: prompt, usedCompletionTokens: completion } = estimate;
  return [
    '## Estimate and usage',
    '',
    '| | Estimated | Used | |',
    '|---|---:|---:|---|',
    `| Input tokens | ${formatCount(input)} | ${formatCount(prompt)} | ${input ? `${percent(prompt, input)} of the estimate` : '–'} |`,
    `| Output tokens | at most ${formatCount(bound)} | ${formatCount(completion)} | ${bound ? `${percent(completion, bound)} of the bound` : '–'} |`,
  ];
}

/**
 * The summary as Markdown (for a Markdown preview, a webview or a file): overview, errors by code,
 * tokens, cost and completeness. All text from the files and the price table is escaped, line breaks included.
 */
export function renderSummaryMarkdown(summary: ResultsSummary, title = 'Batch results'): string {
  const { byStatus, usage, cost, throughput, averageTokensPerRequest: average } = summary;
  const out: string[] = [`# ${cell(title)}`, ''];
  out.push('| | |', '|---|---:|');
  out.push(`| Requests | ${formatCount(summary.total)} |`);
  out.push(`| Succeeded | ${formatCount(byStatus.succeeded)} (${percent(byStatus.succeeded, summary.total)}) |`);
  out.push(`| Failed | ${formatCount(byStatus.failed)} (${percent(byStatus.failed, summary.total)}) |`);
  out.push(`| Missing | ${formatCount(byStatus.missing)} (${percent(byStatus.missing, summary.total)}) |`);
  out.push(`| Duration | ${summary.durationSeconds !== undefined ? formatDuration(summary.durationSeconds) : 'unknown'} |`);
  if (throughput) {
    out.push(`| Throughput | ${decimal(throughput.requestsPerSecond, 2)} requests/s, ${decimal(throughput.tokensPerSecond, 1)} tokens/s |`);
  }
  if (average) {
    out.push(`| Average tokens per succeeded request | ${decimal(average.total, 1)} (${decimal(average.prompt, 1)} prompt, ${decimal(average.completion, 1)} completion) |`);
  }
  if (summary.byErrorCode.length) {
    out.push('', '## Errors by code', '', '| Code | Requests |', '|---|---:|');
    for (const { code, count: n } of summary.byErrorCode) out.push(`| ${markdownCode(code, true)} | ${formatCount(n)} |`);
  }
  out.push('', '## Tokens', '', '| Prompt | Cached | Completion | Reasoning | Total |', '|---:|---:|---:|---:|---:|');
  out.push(`| ${[usage.prompt, usage.cached, usage.completion, usage.reasoning, usage.total].map((value) => formatCount(value)).join(' | ')} |`);
  if (summary.estimate) out.push('', ...estimateSection(summary.estimate));
  if (cost) out.push('', ...costSection(cost));
  out.push('', ...summaryChartsMarkdown(summary));
  const { missing, duplicates, unknown } = summary.completeness;
  const completeness = [
    ...idList('Missing', missing),
    ...idList('Duplicated in the results', duplicates),
    ...idList('Unknown to the input', unknown),
  ];
  out.push('', '## Completeness', '', ...(completeness.length ? completeness : ['Every request has exactly one result.']));
  return `${out.join('\n')}\n`;
}
