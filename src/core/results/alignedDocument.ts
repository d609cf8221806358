import type { JoinedResult, ResultsJoin } from './joinResults';

export interface AlignedLineOptions {
  /** Longer text is cut and ends in `…` (editors slow down on very long lines). Default 2000. */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 2000;

/** Newlines become `⏎` and tabs spaces, so a multi-line answer stays on its request's line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n|\r/g, ' ⏎ ').replace(/\t/g, ' ');
}

/**
 * One request's result as one line of the aligned document: `✓ answer`, `✗ code: message` (with the HTTP
 * status when there is one: `✗ 400 invalid_request_error: …`) or `∅ missing: no result for this custom_id`.
 * The leading mark lets a reader (and a grammar or decoration) see the status at a glance.
 */
export function formatAlignedLine(result: JoinedResult, options: AlignedLineOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  let line: string;
  if (result.status === 'missing') line = '∅ missing: no result for this custom_id';
  else if (result.status === 'failed') line = `✗ ${result.statusCode !== undefined ? `${result.statusCode} ` : ''}${oneLine(result.text)}`;
  else line = `✓ ${oneLine(result.text)}`;
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/**
 * The aligned document as lines: line N summarises the result of the request on input line N, so the two
 * editors read across. Blank and unreadable input lines get an empty line. As many lines as the input has.
 */
export function alignedDocumentLines(join: ResultsJoin, options: AlignedLineOptions = {}): string[] {
  const lines = new Array<string>(join.inputLineCount).fill('');
  for (const result of join.results) lines[result.line] = formatAlignedLine(result, options);
  return lines;
}

/** The aligned document's text (`\n` line endings), e.g. for a read-only virtual document. */
export function alignedDocumentText(join: ResultsJoin, options: AlignedLineOptions = {}): string {
  return alignedDocumentLines(join, options).join('\n');
}
