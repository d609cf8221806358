import type { SubmitProgress } from './submitBatchFile';
import type { QueueHeadroom } from '../estimate';
import { formatCount } from '../formatting';
import { formatBytes } from './submitText';

/** One update of a progress notification: the message, and how far the bar moves (percent). */
export interface ProgressStep {
  message: string;
  increment?: number;
}

function partLabel({ part, parts }: SubmitProgress): string {
  return parts !== undefined && parts > 1 ? ` part ${part} of ${parts}` : '';
}

/** The message for a stage of checking or submitting. */
export function stageMessage(progress: SubmitProgress): string {
  switch (progress.stage) {
    case 'validating':
      return 'Validating the file on disk…';
    case 'hashing':
      return 'Computing its SHA-256…';
    case 'checking-duplicates':
      return 'Looking for an earlier submission of the same content…';
    case 'splitting':
      return `Writing ${progress.parts} part files…`;
    case 'uploading':
      return `Uploading${partLabel(progress)}: ${formatBytes(progress.bytes ?? 0)}${progress.totalBytes ? ` of ${formatBytes(progress.totalBytes)}` : ''}`;
    case 'creating':
      return `Creating the batch${partLabel(progress)} (no longer cancellable: it finishes or is matched by its client token)…`;
    case 'running':
      return `Running requests${partLabel(progress)}${progress.totalRequests ? `: ${progress.requests ?? 0} of ${progress.totalRequests}` : '…'}`;
    case 'recording':
      return 'Recording the job…';
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
  const what = parts > 1 ? `part ${part} of ${parts}` : 'the file';
  return `Waiting for queue room: ${what} needs ${formatCount(tokens)} tokens; ${formatCount(headroom.active)} of ${formatCount(headroom.limit ?? 0)} held by active jobs`;
}
