import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import type { Job } from '../jobs/job';
import { splitPartPath, type SplitPlan } from './splitPlan';
import type { SubmissionSummary } from './submitBatchFile';
import { looksLikeOutputLine } from '../validation/outputRules';
import { formatCount, formatMoney } from '../formatting';
import { statusLabel } from '../jobs/jobPresentation';
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
  const count = formatCount(requests);
  if (runsHere) return requests === 1 ? l10n.t('▶ Run on {0} · 1 request', profileName) : l10n.t('▶ Run on {0} · {1} requests', profileName, count);
  return requests === 1 ? l10n.t('▶ Submit to {0} · 1 request', profileName) : l10n.t('▶ Submit to {0} · {1} requests', profileName, count);
}

/** The CodeLens on a file with errors: submitting it would be refused, so the lens leads to Problems instead. */
export function fixErrorsLensTitle(errors: number): string {
  return `$(error) ${errors === 1 ? l10n.t('1 error: fix before submitting') : l10n.t('{0} errors: fix before submitting', formatCount(errors))}`;
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
    l10n.t('Profile: {0} ({1})', target.name, target.local ? l10n.t('local emulator, {0}', target.baseUrl) : target.baseUrl),
    l10n.t('Endpoint: {0}', summary.endpoint),
    l10n.t('Model: {0}', summary.model ?? l10n.t('as each line says')),
    l10n.t('Requests: {0}', formatCount(summary.requests)),
    l10n.t('Size: {0}', formatBytes(summary.bytes)),
    l10n.t('Completion window: {0}', summary.completionWindow),
    ...estimateLines(summary.tokens, summary.cost, summary.headroom),
  ];
  if (split) {
    const limits = [
      split.limits.maxRequests && l10n.t('{0} requests', formatCount(split.limits.maxRequests)),
      split.limits.maxBytes && formatBytes(split.limits.maxBytes),
      split.limits.maxTokens && l10n.t('{0} enqueued tokens', formatCount(split.limits.maxTokens)),
    ].filter(Boolean).join(l10n.t(' or '));
    const count = split.parts.length;
    const first = basename(splitPartPath(summary.file, 1, count));
    const last = `…-${count}-of-${count}`;
    lines.push(
      '',
      split.limits.maxTokens
        ? l10n.t("The file is over this profile's limits ({0} per file). It will be split into {1} parts, written beside it ({2} to {3}) and submitted as one group: each part is sent once the queue has room for it, as the earlier ones finish (keep VS Code open).", limits, count, first, last)
        : l10n.t("The file is over this profile's limits ({0} per file). It will be split into {1} parts, written beside it ({2} to {3}) and submitted as one group.", limits, count, first, last),
    );
  }
  return lines.join('\n');
}

/** Tokens, the output bound, cost at batch vs synchronous price, and the queue: what the user is about to pay for. */
export function estimateLines(tokens: FileTokens, cost: CostEstimate | undefined, headroom: QueueHeadroom): string[] {
  const how = tokens.exact ? l10n.t('exact') : tokens.notCounted.length ? l10n.t('approximate, not counting {0}', tokens.notCounted.join(', ')) : l10n.t('approximate');
  const unbounded = tokens.unboundedRequests ? l10n.t('; {0} without max_tokens (output unbounded)', l10n.t('{0} requests', formatCount(tokens.unboundedRequests))) : '';
  const lines = [l10n.t('Tokens: {0} input ({1}), at most {2} output{3}', formatCount(tokens.inputTokens), how, formatCount(tokens.outputTokensMax), unbounded)];
  if (cost) {
    const saving = cost.cachingSaving !== undefined ? l10n.t('; prompt caching of the shared prefix could save about {0}', formatMoney(cost.cachingSaving, cost.currency)) : '';
    const bound = tokens.unboundedRequests ? l10n.t('a floor') : l10n.t('at most');
    lines.push(l10n.t('Estimated cost: {0} at batch price vs {1} synchronous ({2}; {3} prices){4}', formatMoney(cost.batch, cost.currency), formatMoney(cost.sync, cost.currency), bound, cost.priceName, saving));
  } else lines.push(l10n.t('Estimated cost: not priced (the model is not in the price table)'));
  if (headroom.limit === undefined) lines.push(l10n.t('Queue: no enqueued-token limit known for this profile and model'));
  else {
    const left = Math.max(0, headroom.limit - headroom.active);
    const verdict = headroom.fits
      ? l10n.t('fits')
      : l10n.t('does not fit now: it is sent once active jobs have finished and the queue has room (the provider would fail it with token_limit_exceeded)');
    lines.push(l10n.t('Queue: {0} of {1} enqueued tokens free ({2}; {3} held by active jobs): {4}', formatCount(left), formatCount(headroom.limit), headroom.limitSource ?? '', formatCount(headroom.active), verdict));
  }
  return lines;
}

/** "batch_abc (completed, submitted 2025-05-01 10:02)". */
export function describeExistingJob(job: Job): string {
  const when = new Date(job.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return l10n.t('batch {0} ({1}, submitted {2} UTC)', job.id, statusLabel(job.status), when);
}
