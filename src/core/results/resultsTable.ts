import { requestText } from './inputSummary';
import type { JoinedResult, ResultStatus, ResultsJoin } from './joinResults';
import { readFileLines } from '../jsonl/fileLines';

/** One row of the results table: what a reader scans for, each cell short and on one line. */
export interface ResultsTableRow {
  /** 0-based input line: where a click goes, in the input and its aligned results. */
  line: number;
  customId: string;
  status: ResultStatus;
  /** The last user message (or input, or prompt), cut at `CELL_LENGTH` (newlines kept: the page shows one line). */
  prompt: string;
  /** The answer of a success, cut at `CELL_LENGTH`; `''` for failures and missing results. */
  answer: string;
  tokens: number;
  /** `[400] code: message` for a failure, `no result for this custom_id` when missing; `''` for a success. */
  error: string;
}

/** What the table shows of each text: enough to recognise it; the full text is one click away. */
export const CELL_LENGTH = 300;

/**
 * A cell's text: cut, not reflowed. The table shows each cell on one line (`white-space: nowrap` folds
 * newlines into spaces), so collapsing whitespace here only cost time: a regex over 50,000 prompts took
 * longer than parsing them.
 */
function cell(text: string): string {
  return text.length > CELL_LENGTH ? `${text.slice(0, CELL_LENGTH - 1)}…` : text;
}

function errorCell(result: JoinedResult): string {
  if (result.status === 'missing') return 'no result for this custom_id';
  if (result.status !== 'failed') return '';
  const where = result.statusCode !== undefined ? `[${result.statusCode}] ` : '';
  return cell(`${where}${result.errorCode ?? 'error'}: ${result.errorMessage ?? ''}`);
}

function tableRow(result: JoinedResult, prompt: string): ResultsTableRow {
  return {
    line: result.line,
    customId: result.customId,
    status: result.status,
    prompt,
    answer: result.status === 'succeeded' ? cell(result.text) : '',
    tokens: result.usage.total,
    error: errorCell(result),
  };
}

/**
 * The table's rows, one per request in input order: the join's results with each request's prompt,
 * read in one streamed pass over the input (its bodies are not kept by the join).
 */
export async function buildResultsTableRows(join: ResultsJoin): Promise<ResultsTableRow[]> {
  const { results } = join;
  const rows: ResultsTableRow[] = [];
  if (!results.length) return rows;
  await readFileLines(join.inputPath, ({ text }, index) => {
    const result = results[rows.length];
    if (result?.line === index) rows.push(tableRow(result, cell(requestText(text))));
  });
  return rows;
}

export type StatusFilter = ResultStatus | 'all';

export interface ResultsTableQuery {
  status: StatusFilter;
  /** Case-insensitive text looked for in custom_id, prompt, answer and error. */
  search: string;
}

/** The rows of `rows` a query keeps, as indices into `rows` (a filtered view costs 4 bytes a row). */
export function filterResultsTableRows(rows: readonly ResultsTableRow[], query: ResultsTableQuery): Int32Array {
  const text = query.search.trim();
  // A case-insensitive pattern tests each cell in place: lower-casing four cells a row allocated 200,000 strings a search.
  const needle = text ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i') : undefined;
  const kept = new Int32Array(rows.length);
  let count = 0;
  for (let index = 0; index < rows.length; index++) {
    const row = rows[index];
    if (query.status !== 'all' && row.status !== query.status) continue;
    if (needle && !matches(row, needle)) continue;
    kept[count++] = index;
  }
  return kept.slice(0, count);
}

function matches(row: ResultsTableRow, needle: RegExp): boolean {
  return needle.test(row.customId) || needle.test(row.prompt) || needle.test(row.answer) || needle.test(row.error);
}

/** How many rows there are of each status, for the filter's labels. */
export function countByStatus(rows: readonly ResultsTableRow[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = { all: rows.length, succeeded: 0, failed: 0, missing: 0 };
  for (const row of rows) counts[row.status]++;
  return counts;
}
