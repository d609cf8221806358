import * as l10n from '@vscode/l10n';
import { validateRequest, type ProviderLimitsName } from '../validation';
import { datasetPath, TemplateError, type BatchTemplate } from './batchTemplate';
import { readDatasetRows, type DatasetSummary, type RowValues } from './datasetRows';
import { compileRequestTemplate, type BatchRequest } from './requestTemplate';

/** What is wrong with one row, in words; `row` is 1-based. */
export interface RowProblem {
  row: number;
  message: string;
}

/** One dataset row made into a request line, or why it cannot be one. */
export interface RenderedRow {
  row: number;
  /** The row's values (absent when the row could not be read). */
  values?: RowValues;
  /** The request's JSON line (no line ending); absent when the row could not be read at all. */
  line?: string;
  request?: BatchRequest;
  /** Why this row cannot make a valid request (empty when it can). */
  problems: string[];
  /** The earlier row with the same custom_id (whose request the results belong to). */
  duplicateOf?: number;
}

export interface RenderOptions {
  /** Rows after the first `limit` are not read. */
  limit?: number;
  /** Whose request rules a row is checked against; the url is the template's, checked when the file is validated. */
  provider?: ProviderLimitsName;
  signal?: AbortSignal;
}

/**
 * Streams the template's dataset and makes each row a request: the template filled with the row's values,
 * checked by the batch request rules (errors only), its custom_id checked against earlier rows'. Calls
 * `onRow` once per row, in order; return `false` from it to stop. A CSV/TSV header without a column the
 * template reads is a `TemplateError` (every row would lack it). Memory: one row at a time plus the
 * custom_id index.
 */
export async function renderDatasetRows(
  template: BatchTemplate,
  templatePath: string,
  onRow: (rendered: RenderedRow) => boolean | void,
  options: RenderOptions = {},
): Promise<DatasetSummary> {
  const compiled = compileRequestTemplate(template);
  const provider = options.provider ?? 'generic';
  const firstRowById = new Map<string, number>();
  const limit = options.limit ?? Infinity;
  if (limit <= 0) return { rows: 0 };
  return readDatasetRows(
    datasetPath(template, templatePath),
    (datasetRow) => {
      const { row } = datasetRow;
      if (datasetRow.problem !== undefined) return onRow({ row, problems: [datasetRow.problem] }) !== false && row < limit;
      const { values } = datasetRow;
      const problems = compiled.missingColumns(values).map((column) => `the column "${column}" is missing`);
      for (const column of compiled.customIdColumns) {
        if (values[column] === '' || values[column] === null) problems.push(`the column "${column}" is empty, and custom_id needs it to tell this row's result from the others`);
      }
      const { request, line } = compiled.render(datasetRow.values, row);
      for (const finding of validateRequest(request as unknown as Record<string, unknown>, line, provider)) {
        if (finding.severity === 'error') problems.push(finding.message);
      }
      const firstRow = firstRowById.get(request.custom_id);
      if (firstRow !== undefined) problems.push(`custom_id ${JSON.stringify(request.custom_id)} is also row ${firstRow}'s: make the template's custom_id unique per row`);
      else if (request.custom_id) firstRowById.set(request.custom_id, row);
      return onRow({ row, values: datasetRow.values, line, request, problems, ...(firstRow !== undefined && { duplicateOf: firstRow }) }) !== false && row < limit;
    },
    {
      signal: options.signal,
      onColumns: (columns) => {
        const absent = compiled.columns.filter((column) => !columns.includes(column));
        if (absent.length) {
          const names = absent.map((column) => `"${column}"`).join(', ');
          throw new TemplateError(l10n.t('The dataset has no column {0} (its columns: {1}): fix the template or the header row', names, columns.join(', ')));
        }
      },
    },
  );
}
