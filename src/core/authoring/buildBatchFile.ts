import type { BatchTemplate } from './batchTemplate';
import { writeFileInPlace } from './bufferedFileWriter';
import { renderDatasetRows, type RenderOptions, type RowProblem } from './renderRows';

/** What to do with a row that cannot make a valid request: leave it out, or write it as rendered. */
export type InvalidRowPolicy = 'skip' | 'keep';

export interface BuildOptions extends RenderOptions {
  /** Default `skip`. `keep` writes such rows anyway (their errors then show when the file is validated). */
  invalidRows?: InvalidRowPolicy;
  /** How many problems the report lists (the count covers all). Default 1,000. */
  maxProblems?: number;
}

export interface BuildReport {
  outputPath: string;
  /** Dataset rows read. */
  rows: number;
  /** Request lines written. */
  requests: number;
  /** Rows with a problem (skipped, or written anyway under `keep`). */
  problemRows: number;
  /** The first `maxProblems` of them, in row order. */
  problems: RowProblem[];
}

/**
 * Generates a batch file from a template and its dataset, streaming: one request line per row (`\n`
 * endings), written in place only once complete (see `writeFileInPlace`). Rejects with a `TemplateError`
 * or `DatasetError` (nothing written) when the template or dataset cannot be used at all.
 */
export async function buildBatchFile(template: BatchTemplate, templatePath: string, outputPath: string, options: BuildOptions = {}): Promise<BuildReport> {
  const keep = options.invalidRows === 'keep';
  const maxProblems = options.maxProblems ?? 1000;
  const report: BuildReport = { outputPath, rows: 0, requests: 0, problemRows: 0, problems: [] };
  await writeFileInPlace(outputPath, async (sink) => {
    const summary = await renderDatasetRows(
      template,
      templatePath,
      ({ row, line, problems }) => {
        if (problems.length) {
          report.problemRows++;
          if (report.problems.length < maxProblems) report.problems.push({ row, message: problems.join('; ') });
        }
        if (line !== undefined && (keep || !problems.length)) {
          sink.write(`${line}\n`);
          report.requests++;
        }
      },
      options,
    );
    report.rows = summary.rows;
  });
  return report;
}
