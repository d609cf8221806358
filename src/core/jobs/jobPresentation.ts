import * as path from 'node:path';
import { type Job, type JobStatus, hasResults, isTerminalStatus } from './job';
import { formatCount } from '../formatting';
import { markdownCode, markdownText } from '../text/markdownText';
import type { JobProgress } from './progress';
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

const STATUS_LABELS: Record<JobStatus, string> = {
  validating: 'validating',
  failed: 'failed',
  in_progress: 'in progress',
  finalizing: 'finalizing',
  completed: 'completed',
  expired: 'expired',
  cancelling: 'cancelling',
  cancelled: 'cancelled',
};

export function statusLabel(status: JobStatus): string {
  return STATUS_LABELS[status] ?? status;
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

const relativeFormat = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "3 minutes ago", "yesterday", "in 2 hours". */
export function formatRelativeTime(unixSeconds: number, nowMs: number): string {
  const seconds = Math.round(unixSeconds - nowMs / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ['day', 86_400],
    ['hour', 3_600],
    ['minute', 60],
  ];
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return relativeFormat.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}

/** "1 h 05 min", "4 min", "20 s". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
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
  if (job.requestCounts.failed > 0) text += ` (${formatCount(job.requestCounts.failed)} failed)`;
  const eta = isTerminalStatus(job.status) ? undefined : etaText(progress);
  if (eta) text += ` · ${eta}`;
  return text;
}

/** "ETA 4 min", "ETA under 10 s", "estimating…": never "ETA 0 s" while requests remain. */
export function etaText(progress: JobProgress | undefined): string | undefined {
  if (!progress || progress.done >= progress.total) return undefined;
  if (progress.etaSeconds !== undefined) return progress.etaSeconds < 10 ? 'ETA under 10 s' : `ETA ${formatDuration(progress.etaSeconds)}`;
  return progress.estimating ? 'estimating…' : undefined;
}

const BAR_CELLS = 10;

/** A text progress bar, e.g. `▰▰▰▱▱▱▱▱▱▱`, from where the bar stands (`shownDone`). */
export function progressBar(progress: JobProgress): string {
  if (progress.total <= 0) return '';
  const filled = Math.min(BAR_CELLS, Math.floor((progress.shownDone / progress.total) * BAR_CELLS));
  return '▰'.repeat(filled) + '▱'.repeat(BAR_CELLS - filled);
}

const TIMESTAMPS: [keyof Job, string][] = [
  ['createdAt', 'Created'],
  ['inProgressAt', 'Started'],
  ['finalizingAt', 'Finalizing'],
  ['completedAt', 'Completed'],
  ['failedAt', 'Failed'],
  ['expiredAt', 'Expired'],
  ['cancellingAt', 'Cancelling'],
  ['cancelledAt', 'Cancelled'],
  ['expiresAt', 'Expires'],
];

function tooltip(job: Job, progress: JobProgress | undefined, run: RunProgress | undefined, nowMs: number): string {
  const rows: [string, string][] = [
    [job.directRun ? 'Run' : 'Batch', job.id],
    ['Profile', job.profile],
    ['Status', run ? runStateText(run, nowMs) : statusLabel(job.status)],
    ['Endpoint', job.endpoint],
  ];
  if (job.model) rows.push(['Model', job.model]);
  if (job.sourceFile) rows.push(['Input', job.sourceFile]);
  const { total, completed, failed } = job.requestCounts;
  rows.push(['Requests', `${formatCount(total)} total, ${formatCount(completed)} completed, ${formatCount(failed)} failed`]);
  if (run) {
    rows.push(['Throughput', `${run.requestsPerSecond.toFixed(1)} requests/s, ${formatCount(Math.round(run.tokensPerSecond))} tokens/s`]);
    if (run.skippedAlreadyDone || run.resent) rows.push(['Resumed', `${formatCount(run.skippedAlreadyDone)} answered before (not sent again), ${formatCount(run.resent)} in flight at the stop (sent again)`]);
    if (run.rateLimited) rows.push(['Rate limited', `${formatCount(run.rateLimited)} answers were 429`]);
  } else if (progress?.requestsPerMinute !== undefined && !isTerminalStatus(job.status)) {
    rows.push(['Throughput', `${formatCount(Math.round(progress.requestsPerMinute))} requests/min`]);
  }
  const eta = isTerminalStatus(job.status) || run ? undefined : etaText(progress);
  if (eta) rows.push(['ETA', eta.replace(/^ETA /, '')]);
  if (run?.etaSeconds !== undefined) rows.push(['ETA', formatDuration(run.etaSeconds)]);
  for (const [key, label] of TIMESTAMPS) {
    const value = job[key];
    if (typeof value === 'number') rows.push([label, new Date(value * 1000).toISOString().replace('.000Z', 'Z')]);
  }
  if (job.usage) {
    const usage = job.usage;
    rows.push([
      'Tokens',
      `${formatCount(usage.inputTokens)} in (${formatCount(usage.cachedTokens)} cached), ${formatCount(usage.outputTokens)} out (${formatCount(usage.reasoningTokens)} reasoning)`,
    ]);
  }
  if (job.successRate !== undefined) rows.push(['Success rate', `${(100 * job.successRate).toFixed(1)}%`]);
  if (job.processingTimeSeconds !== undefined) rows.push(['Processing time', formatDuration(Math.round(job.processingTimeSeconds))]);
  if (job.callbackUrl) rows.push(['Callback', job.callbackUrl]);
  if (job.inputFileId) rows.push(['Input file', job.inputFileId]);
  if (job.outputFileId) rows.push(['Output file', job.outputFileId]);
  if (job.errorFileId) rows.push(['Error file', job.errorFileId]);
  const lines = [`**${markdownText(job.sourceFile ? path.basename(job.sourceFile) : job.id)}**`, '', '| | |', '|---|---|'];
  for (const [label, value] of rows) lines.push(`| ${label} | ${markdownText(value)} |`);
  if (job.errors && job.errors.length > 0) {
    lines.push('', '**Errors**', '');
    for (const error of job.errors.slice(0, 10)) {
      const where = error.line ? ` (line ${error.line})` : '';
      lines.push(`- ${markdownCode(error.code)}${where}: ${markdownText(error.message)}`);
    }
    if (job.errors.length > 10) lines.push(`- … and ${job.errors.length - 10} more`);
  }
  return lines.join('\n');
}

/** A live direct run, in its own words: "rate limited, resuming in 12 s · 120/2,000 · 3.2 req/s · 410 tok/s · ETA 4 min". */
function runText(run: RunProgress, nowMs: number): string[] {
  const done = run.succeeded + run.failed;
  let counts = `${formatCount(done)}/${formatCount(run.total)}`;
  if (run.failed > 0) counts += ` (${formatCount(run.failed)} failed)`;
  const parts = [runStateText(run, nowMs), counts, `${run.requestsPerSecond.toFixed(1)} req/s`, `${formatCount(Math.round(run.tokensPerSecond))} tok/s`];
  if (run.etaSeconds !== undefined && done < run.total) parts.push(run.etaSeconds < 10 ? 'ETA under 10 s' : `ETA ${formatDuration(run.etaSeconds)}`);
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
