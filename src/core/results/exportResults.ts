import { once } from 'node:events';
import { csvRecord } from './csv';
import { summarizeRequest } from './inputSummary';
import type { JoinedResult, ResultsJoin } from './joinResults';
import { readRawLines } from './rawLines';

export type ExportFormat = 'csv' | 'jsonl';

/** The columns (CSV header) and keys (JSONL), in order. `line` is 1-based, as an editor shows it. */
export const EXPORT_COLUMNS = [
  'line',
  'custom_id',
  'status',
  'status_code',
  'error_code',
  'input',
  'output',
  'prompt_tokens',
  'completion_tokens',
  'cached_tokens',
  'reasoning_tokens',
  'total_tokens',
] as const;

type ExportRow = Record<(typeof EXPORT_COLUMNS)[number], string | number | null>;

function exportRow(result: JoinedResult, input: string): ExportRow {
  const { usage } = result;
  return {
    line: result.line + 1,
    custom_id: result.customId,
    status: result.status,
    status_code: result.statusCode ?? null,
    error_code: result.errorCode ?? null,
    input,
    output: result.text,
    prompt_tokens: usage.prompt,
    completion_tokens: usage.completion,
    cached_tokens: usage.cached,
    reasoning_tokens: usage.reasoning,
    total_tokens: usage.total,
  };
}

function formatRow(row: ExportRow, format: ExportFormat): string {
  if (format === 'jsonl') return `${JSON.stringify(row)}\n`;
  return csvRecord(EXPORT_COLUMNS.map((column) => row[column] ?? undefined));
}

/**
 * Writes one row per request (in input order) to `out` as CSV (RFC 4180, with a header) or JSONL: the
 * columns of `EXPORT_COLUMNS`, the input summarised by `summarizeRequest`. Streams the input again to
 * summarise each request and honours back-pressure; does not end `out`. Resolves to the rows written.
 */
export async function writeResultsExport(join: ResultsJoin, format: ExportFormat, out: NodeJS.WritableStream): Promise<number> {
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  if (format === 'csv') await write(csvRecord(EXPORT_COLUMNS));
  const { results } = join;
  let next = 0;
  // join.results is in input order, so one pass over the input pairs each request line with its result.
  if (!results.length) return 0;
  for await (const { bytes, index } of readRawLines(join.inputPath)) {
    if (results[next].line === index) {
      await write(formatRow(exportRow(results[next], summarizeRequest(bytes.toString('utf8'))), format));
      next++;
    }
    if (next >= results.length) break;
  }
  return next;
}
