import { resultsByLine, type JoinedResult, type ResultsJoin } from './joinResults';

export interface AlignedLineOptions {
  /**
   * Longer lines are cut and end in `…`. Default 500: several screen widths beside the input, while the
   * hover and "Open Full Result" show the whole body. It also bounds the document's memory: 50,000 full
   * answers would double what the join holds.
   */
  maxLength?: number;
}

const DEFAULT_MAX_LENGTH = 500;

/**
 * Newlines become ` ¶ ` and tabs spaces, so a multi-line answer stays on its request's line. Only Latin-1
 * characters are added (here and in the status prefixes), so English text stays a one-byte string in V8:
 * a `✓` or `⏎` would double the memory of every line.
 */
function oneLine(text: string): string {
  return /[\r\n\t]/.test(text) ? text.replace(/\r\n|\r|\n/g, ' ¶ ').replace(/\t/g, ' ') : text;
}

function prefixOf(result: JoinedResult): string {
  if (result.status === 'missing') return '[missing] no result for this custom_id';
  if (result.status === 'failed') return result.statusCode !== undefined ? `[failed ${result.statusCode}] ` : '[failed] ';
  return '';
}

/**
 * One request's result as one line of the aligned document: the answer as it is, `[failed 400] code:
 * message` (`[failed] code: message` without an HTTP status, e.g. `batch_expired`), or `[missing] no
 * result for this custom_id`. The bracketed prefix lets a reader, a grammar or a decoration see failures.
 */
export function formatAlignedLine(result: JoinedResult, options: AlignedLineOptions = {}): string {
  const maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
  // Cut before replacing newlines (which only lengthens), so a long answer costs maxLength, not its size.
  const line = prefixOf(result) + oneLine(result.text.slice(0, maxLength));
  return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/**
 * The aligned document as lines: line N summarises the result of the request on input line N, so the two
 * editors read across. Blank and unreadable input lines get an empty line. As many lines as the input has.
 * For a visible range only, call `formatAlignedLine` on the results whose `line` falls in it.
 */
export function alignedDocumentLines(join: ResultsJoin, options: AlignedLineOptions = {}): string[] {
  return resultsByLine(join).map((result) => (result ? formatAlignedLine(result, options) : ''));
}

/** The aligned document's text (`\n` line endings), e.g. for a read-only virtual document. */
export function alignedDocumentText(join: ResultsJoin, options: AlignedLineOptions = {}): string {
  return alignedDocumentLines(join, options).join('\n');
}
