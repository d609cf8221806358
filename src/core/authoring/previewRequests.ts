import type { BatchTemplate } from './batchTemplate';
import { renderDatasetRows, type RowProblem } from './renderRows';

export interface RequestsPreview {
  /** The request lines of the first rows, each as it would be written (rows with problems included). */
  lines: string[];
  /** The problems of those rows. */
  problems: RowProblem[];
}

/** The first `rows` rows made into request lines: bounded work (the dataset is read only that far). */
export async function previewRequests(template: BatchTemplate, templatePath: string, rows: number, signal?: AbortSignal): Promise<RequestsPreview> {
  const preview: RequestsPreview = { lines: [], problems: [] };
  await renderDatasetRows(
    template,
    templatePath,
    ({ row, line, problems }) => {
      if (line !== undefined) preview.lines.push(line);
      if (problems.length) preview.problems.push({ row, message: problems.join('; ') });
    },
    { limit: rows, signal },
  );
  return preview;
}
