import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import type { Job } from '../jobs/job';
import { splitPartPath, type SplitPlan } from './splitPlan';
import type { SubmissionSummary } from './submitBatchFile';
import { looksLikeOutputLine } from '../validation/outputRules';
import { formatCount, formatCountOf, formatMoney } from '../formatting';
import type { CostEstimate, FileTokens, QueueHeadroom } from '../estimate';

/** The words the submit flow shows: plain functions of its data, so they are tested without VS Code. */

const KB = 1024;
const MB = 1024 * KB;

export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The CodeLens on line 1 of a request file, e.g. "▶ Submit to OpenAI · 1,204 requests"; a direct profile's reads "▶ Run on …". */
export function submitLensTitle(profileName: string, requests: number, runsHere = false): string {
  return runsHere ? l10n.t('▶ Run on {0} · {1}', profileName, formatCountOf(requests, 'request')) : `▶ Submit to ${profileName} · ${formatCountOf(requests, 'request')}`;
}

/** The CodeLens on a file with errors: submitting it would be refused, so the lens leads to Problems instead. */
export function fixErrorsLensTitle(errors: number): string {
  return `$(error) ${formatCountOf(errors, 'error')}: fix before submitting`;
}

/** A results file (output lines) is not submitted: it gets no Submit lens. Cheap: one line is parsed. */
export function isResultsLine(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && looksLikeOutputLine(value as Record<string, unknown>);
  } catch {
    return false;
  }
}

/** Where a profile sends files, for the confirmation: the emulator's address says it stays local. */
export interface SubmitTarget {
  name: string;
  baseUrl: string;
  local: boolean;
}

/** The body of the confirmation dialog: everything the user is about to pay for. */
export function confirmationDetail(summary: SubmissionSummary, target: SubmitTarget, split?: SplitPlan): string {
  const lines = [
    `Profile: ${target.name} (${target.local ? `local emulator, ${target.baseUrl}` : target.baseUrl})`,
    `Endpoint: ${summary.endpoint}`,
    `Model: ${summary.model ?? 'as each line says'}`,
    `Requests: ${formatCount(summary.requests)}`,
    `Size: ${formatBytes(summary.bytes)}`,
    `Completion window: ${summary.completionWindow}`,
    ...estimateLines(summary.tokens, summary.cost, summary.headroom),
  ];
  if (split) {
    const limits = [
      split.limits.maxRequests && formatCountOf(split.limits.maxRequests, 'request'),
      split.limits.maxBytes && formatBytes(split.limits.maxBytes),
      split.limits.maxTokens && `${formatCount(split.limits.maxTokens)} enqueued tokens`,
    ].filter(Boolean).join(' or ');
    const count = split.parts.length;
    const when = split.limits.maxTokens ? ': each part is sent once the queue has room for it, as the earlier ones finish (keep VS Code open)' : '';
    lines.push(
      '',
      `The file is over this profile's limits (${limits} per file). It will be split into ${count} parts, written beside it (${basename(splitPartPath(summary.file, 1, count))} to …-${count}-of-${count}) and submitted as one group${when}.`,
    );
  }
  return lines.join('\n');
}

/** Tokens, the output bound, cost at batch vs synchronous price, and the queue: what the user is about to pay for. */
export function estimateLines(tokens: FileTokens, cost: CostEstimate | undefined, headroom: QueueHeadroom): string[] {
  const how = tokens.exact ? 'exact' : `approximate${tokens.notCounted.length ? `, not counting ${tokens.notCounted.join(', ')}` : ''}`;
  const unbounded = tokens.unboundedRequests ? `; ${formatCountOf(tokens.unboundedRequests, 'request')} without max_tokens (output unbounded)` : '';
  const lines = [`Tokens: ${formatCount(tokens.inputTokens)} input (${how}), at most ${formatCount(tokens.outputTokensMax)} output${unbounded}`];
  if (cost) {
    const saving = cost.cachingSaving !== undefined ? `; prompt caching of the shared prefix could save about ${formatMoney(cost.cachingSaving, cost.currency)}` : '';
    lines.push(`Estimated cost: ${formatMoney(cost.batch, cost.currency)} at batch price vs ${formatMoney(cost.sync, cost.currency)} synchronous (${tokens.unboundedRequests ? 'a floor' : 'at most'}; ${cost.priceName} prices)${saving}`);
  } else lines.push('Estimated cost: not priced (the model is not in the price table)');
  if (headroom.limit === undefined) lines.push('Queue: no enqueued-token limit known for this profile and model');
  else {
    const left = Math.max(0, headroom.limit - headroom.active);
    const verdict = headroom.fits ? 'fits' : 'does not fit now: it is sent once active jobs have finished and the queue has room (the provider would fail it with token_limit_exceeded)';
    lines.push(`Queue: ${formatCount(left)} of ${formatCount(headroom.limit)} enqueued tokens free (${headroom.limitSource}; ${formatCount(headroom.active)} held by active jobs): ${verdict}`);
  }
  return lines;
}

/** "batch_abc (completed, submitted 2025-05-01 10:02)". */
export function describeExistingJob(job: Job): string {
  const when = new Date(job.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `batch ${job.id} (${job.status.replace('_', ' ')}, submitted ${when} UTC)`;
}
