import * as l10n from '@vscode/l10n';
import type { SubmitProgress } from './submitBatchFile';
import type { QueueHeadroom } from '../estimate';
import { formatCount } from '../formatting';
import { formatBytes } from './submitText';

/** One update of a progress notification: the message, and how far the bar moves (percent). */
export interface ProgressStep {
  message: string;
  increment?: number;
}

/** " part 2 of 3" for a split file's part, else nothing. */
function partLabel({ part, parts }: SubmitProgress): string {
  return parts !== undefined && parts > 1 ? ` ${l10n.t('part {0} of {1}', part ?? 1, parts)}` : '';
}

/** The message for a stage of checking or submitting. */
export function stageMessage(progress: SubmitProgress): string {
  switch (progress.stage) {
    case 'validating':
      return l10n.t('Validating the file on disk…');
    case 'hashing':
      return l10n.t('Computing its SHA-256…');
    case 'checking-duplicates':
      return l10n.t('Looking for an earlier submission of the same content…');
    case 'splitting':
      return l10n.t('Writing {0} part files…', progress.parts ?? 0);
    case 'uploading':
      return progress.totalBytes
        ? l10n.t('Uploading{0}: {1} of {2}', partLabel(progress), formatBytes(progress.bytes ?? 0), formatBytes(progress.totalBytes))
        : l10n.t('Uploading{0}: {1}', partLabel(progress), formatBytes(progress.bytes ?? 0));
    case 'creating':
      return l10n.t('Creating the batch{0} (no longer cancellable: it finishes or is matched by its client token)…', partLabel(progress));
    case 'running':
      return progress.totalRequests
        ? l10n.t('Running requests{0}: {1} of {2}', partLabel(progress), progress.requests ?? 0, progress.totalRequests)
        : l10n.t('Running requests{0}…', partLabel(progress));
    case 'recording':
      return l10n.t('Recording the job…');
  }
}

/**
 * Follows the core's progress events for one submission: the bar shows bytes uploaded over all parts
 * (`totalBytes`: the whole file), so a split file's bar fills once, not once per part.
 */
export class UploadProgressTracker {
  private shownPercent = 0;
  private bytesOfEarlierParts = 0;
  private currentPart = 1;
  private currentPartBytes = 0;

  constructor(private readonly totalBytes: number) {}

  step(progress: SubmitProgress): ProgressStep {
    const message = stageMessage(progress);
    if (progress.stage !== 'uploading' || this.totalBytes <= 0) return { message };
    const part = progress.part ?? 1;
    if (part !== this.currentPart) {
      this.bytesOfEarlierParts += this.currentPartBytes;
      this.currentPart = part;
    }
    this.currentPartBytes = progress.totalBytes ?? progress.bytes ?? 0;
    const percent = Math.min(100, ((this.bytesOfEarlierParts + (progress.bytes ?? 0)) / this.totalBytes) * 100);
    const increment = percent - this.shownPercent;
    if (increment <= 0) return { message };
    this.shownPercent = percent;
    return { message, increment };
  }
}

/** "Waiting for queue room: part 2 of 3 needs 900,000 tokens; 1,500,000 of 2,000,000 held by active jobs". */
export function waitingForHeadroomMessage(tokens: number, part: number, parts: number, headroom: QueueHeadroom): string {
  const what = parts > 1 ? l10n.t('part {0} of {1}', part, parts) : l10n.t('the file');
  return l10n.t('Waiting for queue room: {0} needs {1} tokens; {2} of {3} held by active jobs', what, formatCount(tokens), formatCount(headroom.active), formatCount(headroom.limit ?? 0));
}
