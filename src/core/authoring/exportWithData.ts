import { csvRecord } from '../results/csv';
import { indexResultsByCustomId, type ExportFormat, type ParsedResultLine } from '../results';
import { datasetPath, type BatchTemplate } from './batchTemplate';
import type { TextSink } from './bufferedFileWriter';
import { readDatasetColumns } from './datasetRows';
import { renderDatasetRows, type RenderedRow } from './renderRows';

/** A row's outcome: its request's result, or `missing` (no result yet), or `skipped` (it made no request). */
export type RowStatus = 'succeeded' | 'failed' | 'missing' | 'skipped';

/** The columns added after the dataset's own, in order. */
export const RESULT_COLUMNS = ['custom_id', 'status', 'answer', 'error', 'prompt_tokens', 'completion_tokens', 'cached_tokens', 'reasoning_tokens', 'total_tokens'] as const;

export interface DataExportOptions {
  format: ExportFormat;
  /** Spread an answer that is a JSON object (structured outputs) into `answer.<key>` columns. */
  spreadJsonAnswers?: boolean;
  signal?: AbortSignal;
}

export interface DataExportReport {
  rows: number;
  byStatus: Record<RowStatus, number>;
}

type ResultColumn = (typeof RESULT_COLUMNS)[number];

/** A JSON object answer, or `undefined` for any other text. */
function jsonObjectAnswer(text: string): Record<string, unknown> | undefined {
  if (!text.trimStart().startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The keys of every JSON object answer, in the order first seen. */
function answerKeys(results: Map<string, ParsedResultLine>): string[] {
  const keys = new Set<string>();
  for (const result of results.values()) {
    if (result.outcome !== 'succeeded') continue;
    const answer = jsonObjectAnswer(result.text);
    if (answer) for (const key of Object.keys(answer)) keys.add(key);
  }
  return [...keys];
}

/** A value for a CSV cell: text as it is, other JSON values as their JSON text, absent as empty. */
function cellValue(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string' || typeof value === 'number') return value;
  return JSON.stringify(value);
}

interface RowOutcome {
  status: RowStatus;
  result?: ParsedResultLine;
  error?: string;
}

function rowOutcome(rendered: RenderedRow, results: Map<string, ParsedResultLine>): RowOutcome {
  // A row whose custom_id repeats an earlier row's made no request of its own: the result is the earlier row's.
  const result = rendered.request && rendered.duplicateOf === undefined ? results.get(rendered.request.custom_id) : undefined;
  if (result) {
    const error = result.outcome === 'failed' ? [result.errorCode, result.errorMessage].filter(Boolean).join(': ') : undefined;
    return { status: result.outcome, result, ...(error !== undefined && { error }) };
  }
  if (rendered.problems.length) return { status: 'skipped', error: rendered.problems.join('; ') };
  return { status: 'missing' };
}

/**
 * Writes the template's dataset with each row's result joined by `custom_id` (the template's, rendered
 * again per row): the dataset's columns, then `RESULT_COLUMNS` (a name the dataset already uses is
 * prefixed `batch_`), then the spread answer keys. CSV (RFC 4180, header first, formula-guarded) or
 * JSONL (the dataset's values with their JSON types). Streams the dataset; the results are held by id.
 */
export async function writeResultsWithData(
  template: BatchTemplate,
  templatePath: string,
  resultPaths: { output?: string; errors?: string },
  sink: TextSink,
  options: DataExportOptions,
): Promise<DataExportReport> {
  const { signal } = options;
  const results = await indexResultsByCustomId(resultPaths.output, resultPaths.errors, { signal });
  const dataColumns = await readDatasetColumns(datasetPath(template, templatePath), { signal });
  const taken = new Set(dataColumns);
  const added = Object.fromEntries(RESULT_COLUMNS.map((column) => [column, taken.has(column) ? `batch_${column}` : column])) as Record<ResultColumn, string>;
  const spreadKeys = options.spreadJsonAnswers ? answerKeys(results) : [];
  const spreadColumns = spreadKeys.map((key) => `${added.answer}.${key}`);
  const header = [...dataColumns, ...RESULT_COLUMNS.map((column) => added[column]), ...spreadColumns];
  if (options.format === 'csv') sink.write(csvRecord(header));
  const report: DataExportReport = { rows: 0, byStatus: { succeeded: 0, failed: 0, missing: 0, skipped: 0 } };
  await renderDatasetRows(
    template,
    templatePath,
    (rendered) => {
      const outcome = rowOutcome(rendered, results);
      report.rows++;
      report.byStatus[outcome.status]++;
      const { result } = outcome;
      const usage = result?.usage;
      const answer = result?.outcome === 'succeeded' ? result.text : undefined;
      const record: Record<string, unknown> = {};
      for (const column of dataColumns) record[column] = rendered.values?.[column];
      const resultValues: Record<ResultColumn, unknown> = {
        custom_id: rendered.request?.custom_id,
        status: outcome.status,
        answer,
        error: outcome.error,
        prompt_tokens: usage?.prompt,
        completion_tokens: usage?.completion,
        cached_tokens: usage?.cached,
        reasoning_tokens: usage?.reasoning,
        total_tokens: usage?.total,
      };
      for (const column of RESULT_COLUMNS) record[added[column]] = resultValues[column];
      if (spreadKeys.length) {
        const spread = answer !== undefined ? jsonObjectAnswer(answer) : undefined;
        spreadKeys.forEach((key, index) => {
          record[spreadColumns[index]] = spread?.[key];
        });
      }
      sink.write(options.format === 'csv' ? csvRecord(header.map((column) => cellValue(record[column]))) : `${JSON.stringify(record, (_key, value: unknown) => value ?? null)}\n`);
    },
    { signal },
  );
  return report;
}
