import * as l10n from '@vscode/l10n';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseCsv, type CsvError } from 'csv-parse';
import { readFileLines } from '../jsonl/fileLines';
import { isBlankLine } from '../jsonl/lines';
import { isJsonObject } from '../validation/jsonValues';
import { fileErrorReason } from './fileErrorReason';

export type DatasetFormat = 'csv' | 'tsv' | 'jsonl' | 'json';

/** A row's values by column: its own properties only (`{{constructor}}` is a missing column, not a function). */
export type RowValues = Record<string, unknown>;

/** One row of a dataset: its values, or why they cannot be read (a JSONL line that is not an object). */
export type DatasetRow = { row: number; values: RowValues; problem?: undefined } | { row: number; values?: undefined; problem: string };

/** What was read: the rows seen, and the CSV/TSV header (JSON formats have no fixed columns). */
export interface DatasetSummary {
  rows: number;
  columns?: string[];
}

export interface DatasetReadOptions {
  /** Called with the header of a CSV or TSV file before its first row. */
  onColumns?: (columns: string[]) => void;
  signal?: AbortSignal;
}

/** The dataset cannot be read at all (no such file, an unclosed quote, not a JSON array): the message says so. */
export class DatasetError extends Error {
  override readonly name = 'DatasetError';
}

/** Return `false` from `onRow` to stop reading (a preview needs only the first rows). */
export type RowHandler = (row: DatasetRow) => boolean | void;

/** The format by file extension; throws a `DatasetError` naming the ones supported. */
export function datasetFormat(file: string): DatasetFormat {
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (extension === '.tsv' || extension === '.tab') return 'tsv';
  if (extension === '.jsonl' || extension === '.ndjson') return 'jsonl';
  if (extension === '.json') return 'json';
  throw new DatasetError(l10n.t('{0}: the dataset must be .csv, .tsv, .jsonl, .ndjson or .json', path.basename(file)));
}

/** A file-system error in words, as a `DatasetError`; any other error (a row handler's) passes unchanged. */
function readError(file: string, error: unknown): unknown {
  const reason = fileErrorReason(error);
  return reason === undefined ? error : new DatasetError(l10n.t('cannot read the dataset {0}: {1}', file, reason));
}

async function readDelimited(file: string, delimiter: string, onRow: RowHandler, options: DatasetReadOptions): Promise<DatasetSummary> {
  const summary: DatasetSummary = { rows: 0 };
  const input = createReadStream(file);
  const parser = parseCsv({
    bom: true,
    delimiter,
    skip_empty_lines: true,
    // A short row is reported as missing columns, not as an unreadable file.
    relax_column_count: true,
    columns: (header: string[]) => {
      const seen = new Set<string>();
      for (const name of header) {
        if (seen.has(name)) throw new DatasetError(l10n.t('{0}: the column "{1}" appears twice in the header row', path.basename(file), name));
        seen.add(name);
      }
      summary.columns = header;
      options.onColumns?.(header);
      return header;
    },
  });
  input.on('error', (error) => parser.destroy(error));
  input.pipe(parser);
  try {
    for await (const record of parser as AsyncIterable<Record<string, string>>) {
      options.signal?.throwIfAborted();
      summary.rows++;
      if (onRow({ row: summary.rows, values: record }) === false) break;
    }
  } catch (error) {
    if (options.signal?.aborted) throw error;
    const csvError = error as CsvError;
    if (typeof csvError.code === 'string' && csvError.code.startsWith('CSV_')) throw new DatasetError(l10n.t('{0} is not valid CSV: {1}', path.basename(file), csvError.message));
    throw readError(file, error);
  } finally {
    input.destroy();
  }
  return summary;
}

/** Thrown inside the line reader's callback to stop it early; caught below. */
const STOP = Symbol('stop reading');

async function readJsonLines(file: string, onRow: RowHandler, options: DatasetReadOptions): Promise<DatasetSummary> {
  let rows = 0;
  try {
    await readFileLines(file, ({ text }) => {
      options.signal?.throwIfAborted();
      if (isBlankLine(text)) return;
      rows++;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        value = undefined;
      }
      const row: DatasetRow = isJsonObject(value) ? { row: rows, values: value } : { row: rows, problem: 'the line is not a JSON object' };
      if (onRow(row) === false) throw STOP;
    });
  } catch (error) {
    if (error !== STOP) throw options.signal?.aborted ? error : readError(file, error);
  }
  return { rows };
}

/** A JSON array is parsed whole (JSON Lines is the format for datasets that do not fit in memory). */
async function readJsonArray(file: string, onRow: RowHandler, options: DatasetReadOptions): Promise<DatasetSummary> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw error instanceof SyntaxError ? new DatasetError(l10n.t('{0} is not valid JSON: {1}', path.basename(file), error.message)) : readError(file, error);
  }
  if (!Array.isArray(value)) throw new DatasetError(l10n.t('{0} must hold a JSON array of objects, one per row', path.basename(file)));
  let rows = 0;
  for (const item of value) {
    options.signal?.throwIfAborted();
    rows++;
    const row: DatasetRow = isJsonObject(item) ? { row: rows, values: item } : { row: rows, problem: 'the array element is not a JSON object' };
    if (onRow(row) === false) break;
  }
  return { rows };
}

/**
 * Reads a dataset row by row, numbering rows from 1 (a CSV header and blank lines are not rows). CSV, TSV
 * and JSON Lines are streamed, so memory is bounded by a row, not the file; a JSON array is parsed whole.
 * Rejects with a `DatasetError` when the file cannot be read; a row that is not an object is passed on
 * with its `problem`.
 */
export async function readDatasetRows(file: string, onRow: RowHandler, options: DatasetReadOptions = {}): Promise<DatasetSummary> {
  const format = datasetFormat(file);
  if (format === 'csv' || format === 'tsv') return readDelimited(file, format === 'csv' ? ',' : '\t', onRow, options);
  if (format === 'jsonl') return readJsonLines(file, onRow, options);
  return readJsonArray(file, onRow, options);
}

/**
 * The dataset's columns, in order: a CSV/TSV header, or every key of a JSON dataset in the order first
 * seen (which reads it all, streaming).
 */
export async function readDatasetColumns(file: string, options: { signal?: AbortSignal } = {}): Promise<string[]> {
  const format = datasetFormat(file);
  const delimited = format === 'csv' || format === 'tsv';
  const columns = new Set<string>();
  const summary = await readDatasetRows(
    file,
    (row) => {
      if (delimited) return false;
      if (row.values) for (const key of Object.keys(row.values)) columns.add(key);
    },
    options,
  );
  return summary.columns ?? [...columns];
}
