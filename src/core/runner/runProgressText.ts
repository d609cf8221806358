import * as l10n from '@vscode/l10n';
import { formatCount } from '../formatting';
import type { RunProgress } from './directRun';

/** "18:00": the local time sending resumes (the machine's own time zone, as the user reads clocks). */
function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 5);
}

/**
 * What a run is doing, in a few words: "sending", "paused", "rate limited, resuming in 12 s",
 * "paused until 18:00 (schedule)", "stopping". The CLI's progress line and the Jobs view both say it.
 */
export function runStateText(progress: RunProgress, nowMs: number): string {
  switch (progress.state) {
    case 'scheduled-pause':
      return progress.resumesAt !== undefined ? l10n.t('paused until {0} (schedule)', clockTime(progress.resumesAt)) : l10n.t('paused (schedule)');
    case 'rate-limited':
      return progress.resumesAt !== undefined ? l10n.t('rate limited, resuming in {0} s', Math.max(0, Math.ceil((progress.resumesAt - nowMs) / 1000))) : l10n.t('rate limited');
    case 'planning':
      return l10n.t('reading the journal');
    case 'sending':
      return l10n.t('sending');
    case 'paused':
      return l10n.t('paused');
    case 'cancelling':
      return l10n.t('stopping');
    case 'completed':
      return l10n.t('completed');
    case 'cancelled':
      return l10n.t('cancelled');
  }
}

/** "1,204/2,000 answered, 3 failed, 5.1 req/s, 740 tok/s, ETA 156 s, rate limited, resuming in 12 s". */
export function describeRunProgress(progress: RunProgress, nowMs: number): string {
  const done = progress.succeeded + progress.failed;
  const parts = [`${formatCount(done)}/${formatCount(progress.total)} answered`, `${progress.failed} failed`, `${progress.requestsPerSecond.toFixed(1)} req/s`, `${Math.round(progress.tokensPerSecond)} tok/s`];
  if (progress.etaSeconds !== undefined) parts.push(`ETA ${Math.ceil(progress.etaSeconds)} s`);
  if (progress.state !== 'sending' && progress.state !== 'completed' && progress.state !== 'cancelled') parts.push(runStateText(progress, nowMs));
  return parts.join(', ');
}
