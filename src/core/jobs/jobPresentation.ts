import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { type Job, type JobStatus, hasResults, isTerminalStatus } from './job';
import { formatCount } from '../formatting';
import { markdownCode, markdownText } from '../text/markdownText';
import type { JobProgress } from './progress';
import { messageLocale } from '../l10n/messageLanguage';
import type { RunProgress } from '../runner/directRun';
import { isResumableRun } from '../runner/runJob';
import { runStateText } from '../runner/runProgressText';

/** How a job reads in the Jobs tree; the extension turns it into a TreeItem. */
export interface JobPresentation {
  label: string;
  description: string;
  /** A codicon id (with `~spin` while active). */
  icon: string;
  /** A theme colour id for the icon, when its state deserves one. */
  iconColor?: string;
  tooltip: string;
  /** Space-separated tokens that package.json menus match with `viewItem =~ /\btoken\b/`. */
  contextValue: string;
}

export function statusLabel(status: JobStatus): string {
  switch (status) {
    case 'validating':
      return l10n.t('validating');
    case 'failed':
      return l10n.t('failed');
    case 'in_progress':
      return l10n.t('in progress');
    case 'finalizing':
      return l10n.t('finalizing');
    case 'completed':
      return l10n.t('completed');
    case 'expired':
      return l10n.t('expired');
    case 'cancelling':
      return l10n.t('cancelling');
    case 'cancelled':
      return l10n.t('cancelled');
    default:
      return status;
  }
}

function statusIcon(job: Job, run: RunProgress | undefined): { icon: string; iconColor?: string } {
  if (run?.state === 'paused') return { icon: 'debug-pause' };
  if (run?.state === 'scheduled-pause') return { icon: 'clock' };
  if (run?.state === 'rate-limited') return { icon: 'watch', iconColor: 'list.warningForeground' };
  switch (job.status) {
    case 'validating':
    case 'in_progress':
      return { icon: 'sync~spin' };
    case 'finalizing':
    case 'cancelling':
      return { icon: 'loading~spin' };
    case 'completed':
      return job.requestCounts.failed > 0
        ? { icon: 'warning', iconColor: 'list.warningForeground' }
        : { icon: 'pass', iconColor: 'testing.iconPassed' };
    case 'failed':
      return { icon: 'error', iconColor: 'list.errorForeground' };
    case 'expired':
      return { icon: 'watch', iconColor: 'list.warningForeground' };
    case 'cancelled':
      return { icon: 'circle-slash' };
    default:
      return { icon: 'question' };
  }
}

/** "3 minutes ago", "yesterday", "in 2 hours". */
export function formatRelativeTime(unixSeconds: number, nowMs: number): string {
  const seconds = Math.round(unixSeconds - nowMs / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  const relativeFormat = new Intl.RelativeTimeFormat(messageLocale(), { numeric: 'auto' });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), unit);
  }
  return l10n.t('just now');
}

/** "1 h 05 min", "4 min", "20 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return l10n.t('{0} s', seconds);
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return l10n.t('{0} min', minutes);
  return l10n.t('{0} h {1} min', Math.floor(minutes / 60), String(minutes % 60).padStart(2, '0'));
}

/** A run that is sending (or waiting its turn to) can be paused; a paused or stopped one with work left resumed. */
function runTokens(job: Job, run: RunProgress | undefined): string[] {
  const tokens = ['direct'];
  const live = run && run.state !== 'completed' && run.state !== 'cancelled';
  if (live && (run.state === 'sending' || run.state === 'rate-limited' || run.state === 'scheduled-pause' || run.state === 'planning')) tokens.push('pausable');
  else if ((live && run.state === 'paused') || (!live && isResumableRun(job))) tokens.push('resumable');
  return tokens;
}

function contextTokens(job: Job, run: RunProgress | undefined): string {
  const tokens = ['job', job.status];
  if (job.directRun) tokens.push(...runTokens(job, run));
  if (!isTerminalStatus(job.status)) tokens.push('active');
  if (!isTerminalStatus(job.status) && job.status !== 'cancelling') tokens.push('cancellable');
  if (hasResults(job)) tokens.push('results');
  if (job.errorFileId) tokens.push('failures');
  if (job.sourceFile) tokens.push('input');
  if (job.errors && job.errors.length > 0) tokens.push('errors');
  return tokens.join(' ');
}

function progressText(job: Job, progress: JobProgress | undefined): string {
  const { total } = job.requestCounts;
  if (total === 0) return '';
  const done = job.requestCounts.completed + job.requestCounts.failed;
  let text = `${formatCount(done)}/${formatCount(total)}`;
  if (job.requestCounts.failed > 0) text += ` ${l10n.t('({0} failed)', formatCount(job.requestCounts.failed))}`;
  const eta = isTerminalStatus(job.status) ? undefined : etaText(progress);
  if (eta) text += ` · ${eta}`;
  return text;
}

/** "4 min", "under 10 s", "estimating…": never "0 s" while requests remain. */
function remainingTime(progress: JobProgress | undefined): string | undefined {
  if (!progress || progress.done >= progress.total) return undefined;
  if (progress.etaSeconds !== undefined) return progress.etaSeconds < 10 ? l10n.t('under 10 s') : formatDuration(progress.etaSeconds);
  return progress.estimating ? l10n.t('estimating…') : undefined;
}

/** "ETA 4 min", "ETA under 10 s", "estimating…". */
export function etaText(progress: JobProgress | undefined): string | undefined {
  const remaining = remainingTime(progress);
  return remaining !== undefined && progress?.etaSeconds !== undefined ? l10n.t('ETA {0}', remaining) : remaining;
}

const BAR_CELLS = 10;

/** A text progress bar, e.g. `▰▰▰▱▱▱▱▱▱▱`, from where the bar stands (`shownDone`). */
export function progressBar(progress: JobProgress): string {
  if (progress.total <= 0) return '';
  const filled = Math.min(BAR_CELLS, Math.floor((progress.shownDone / progress.total) * BAR_CELLS));
  return '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
}

/**
 * The progress status bar's text for the most recent active job: a polled batch's bar, counts and ETA from
 * its polls; a direct run's state, counts and ETA from the run itself (it is never polled).
 */
export function progressStatusBarText(job: Job, progress: JobProgress, nowMs: number, run?: RunProgress): string {
  const name = job.sourceFile ? path.basename(job.sourceFile) : job.id;
  if (run) {
    const [state, counts, , , eta] = runText(run, nowMs);
    return [`$(sync~spin) ${name}`, state, counts, eta].filter(Boolean).join(' · ');
  }
  let text = `$(sync~spin) ${name}`;
  if (progress.total > 0) text += ` ${progressBar(progress)} ${formatCount(progress.done)}/${formatCount(progress.total)}`;
  const eta = etaText(progress);
  return eta ? `${text} · ${eta}` : text;
}

/** The job's timestamps with their labels (a function: the labels are in the language chosen at run time). */
const timestamps = (): [keyof Job, string][] => [
  ['createdAt', l10n.t({ message: 'Created', comment: ['timestamp label'] })],
  ['inProgressAt', l10n.t({ message: 'Started', comment: ['timestamp label'] })],
  ['finalizingAt', l10n.t({ message: 'Finalizing', comment: ['timestamp label'] })],
  ['completedAt', l10n.t({ message: 'Completed', comment: ['timestamp label'] })],
  ['failedAt', l10n.t({ message: 'Failed', comment: ['timestamp label'] })],
  ['expiredAt', l10n.t({ message: 'Expired', comment: ['timestamp label'] })],
  ['cancellingAt', l10n.t({ message: 'Cancelling', comment: ['timestamp label'] })],
  ['cancelledAt', l10n.t({ message: 'Cancelled', comment: ['timestamp label'] })],
  ['expiresAt', l10n.t({ message: 'Expires', comment: ['timestamp label'] })],
];

function tooltip(job: Job, progress: JobProgress | undefined, run: RunProgress | undefined, nowMs: number): string {
  const rows: [string, string][] = [
    [job.directRun ? l10n.t('Run') : l10n.t('Batch'), job.id],
    [l10n.t('Profile'), job.profile],
    [l10n.t('Status'), run ? runStateText(run, nowMs) : statusLabel(job.status)],
    [l10n.t('Endpoint'), job.endpoint],
  ];
  if (job.model) rows.push([l10n.t('Model'), job.model]);
  if (job.sourceFile) rows.push([l10n.t('Input'), job.sourceFile]);
  const { total, completed, failed } = job.requestCounts;
  rows.push([l10n.t('Requests'), l10n.t('{0} total, {1} completed, {2} failed', formatCount(total), formatCount(completed), formatCount(failed))]);
  if (run) {
    rows.push([l10n.t('Throughput'), l10n.t('{0} requests/s, {1} tokens/s', run.requestsPerSecond.toFixed(1), formatCount(Math.round(run.tokensPerSecond)))]);
    if (run.skippedAlreadyDone || run.resent) {
      rows.push([l10n.t('Resumed'), l10n.t('{0} answered before (not sent again), {1} in flight at the stop (sent again)', formatCount(run.skippedAlreadyDone), formatCount(run.resent))]);
    }
    if (run.rateLimited) rows.push([l10n.t('Rate limited'), l10n.t('{0} answers were 429', formatCount(run.rateLimited))]);
  } else if (progress?.requestsPerMinute !== undefined && !isTerminalStatus(job.status)) {
    rows.push([l10n.t('Throughput'), l10n.t('{0} requests/min', formatCount(Math.round(progress.requestsPerMinute)))]);
  }
  const remaining = isTerminalStatus(job.status) || run ? undefined : remainingTime(progress);
  if (remaining) rows.push([l10n.t('ETA'), remaining]);
  if (run?.etaSeconds !== undefined) rows.push([l10n.t('ETA'), formatDuration(run.etaSeconds)]);
  for (const [key, label] of timestamps()) {
    const value = job[key];
    if (typeof value === 'number') rows.push([label, new Date(value * 1000).toISOString().replace('.000Z', 'Z')]);
  }
  if (job.usage) {
    const usage = job.usage;
    rows.push([
      l10n.t('Tokens'),
      l10n.t('{0} in ({1} cached), {2} out ({3} reasoning)', formatCount(usage.inputTokens), formatCount(usage.cachedTokens), formatCount(usage.outputTokens), formatCount(usage.reasoningTokens)),
    ]);
  }
  if (job.successRate !== undefined) rows.push([l10n.t('Success rate'), `${(100 * job.successRate).toFixed(1)}%`]);
  if (job.processingTimeSeconds !== undefined) rows.push([l10n.t('Processing time'), formatDuration(Math.round(job.processingTimeSeconds))]);
  if (job.callbackUrl) rows.push([l10n.t('Callback'), job.callbackUrl]);
  if (job.inputFileId) rows.push([l10n.t('Input file'), job.inputFileId]);
  if (job.outputFileId) rows.push([l10n.t('Output file'), job.outputFileId]);
  if (job.errorFileId) rows.push([l10n.t('Error file'), job.errorFileId]);
  const lines = [`**${markdownText(job.sourceFile ? path.basename(job.sourceFile) : job.id)}**`, '', '| | |', '|---|---|'];
  for (const [label, value] of rows) lines.push(`| ${label} | ${markdownText(value)} |`);
  if (job.errors && job.errors.length > 0) {
    lines.push('', `**${l10n.t('Errors')}**`, '');
    for (const error of job.errors.slice(0, 10)) {
      const where = error.line ? ` ${l10n.t('(line {0})', error.line)}` : '';
      lines.push(`- ${markdownCode(error.code)}${where}: ${markdownText(error.message)}`);
    }
    if (job.errors.length > 10) lines.push(`- ${l10n.t('… and {0} more', job.errors.length - 10)}`);
  }
  return lines.join('\n');
}

/** A live direct run, in its own words: "rate limited, resuming in 12 s · 120/2,000 · 3.2 req/s · 410 tok/s · ETA 4 min". */
function runText(run: RunProgress, nowMs: number): string[] {
  const done = run.succeeded + run.failed;
  let counts = `${formatCount(done)}/${formatCount(run.total)}`;
  if (run.failed > 0) counts += ` ${l10n.t('({0} failed)', formatCount(run.failed))}`;
  const parts = [runStateText(run, nowMs), counts, l10n.t('{0} req/s', run.requestsPerSecond.toFixed(1)), l10n.t('{0} tok/s', formatCount(Math.round(run.tokensPerSecond)))];
  if (run.etaSeconds !== undefined && done < run.total) parts.push(l10n.t('ETA {0}', run.etaSeconds < 10 ? l10n.t('under 10 s') : formatDuration(run.etaSeconds)));
  return parts;
}

/**
 * How a job reads in the tree. `run` is the live progress of a direct run this window is sending: its state
 * (paused, rate limited, held by the schedule), rates and ETA come from the run itself, not from polls.
 */
export function presentJob(job: Job, progress: JobProgress | undefined, nowMs: number, run?: RunProgress): JobPresentation {
  const live = run !== undefined && !isTerminalStatus(job.status);
  const parts = live ? runText(run, nowMs) : [statusLabel(job.status)];
  const progressPart = live ? '' : progressText(job, progress);
  if (progressPart) parts.push(progressPart);
  parts.push(formatRelativeTime(job.createdAt, nowMs));
  return {
    // An imported batch whose input is not here still names the file it came from (its metadata says).
    label: job.sourceFile ? path.basename(job.sourceFile) : job.metadata?.source_file ? `${job.metadata.source_file} (${job.id})` : job.id,
    description: parts.join(' · '),
    ...statusIcon(job, live ? run : undefined),
    tooltip: tooltip(job, progress, live ? run : undefined, nowMs),
    contextValue: contextTokens(job, run),
  };
}
