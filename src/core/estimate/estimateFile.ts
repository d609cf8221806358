import { validateBatchFile, type BatchFileReport, type ValidationOptions } from '../validation';
import { DiagnosticCodes } from '../validation/codes';
import { countRecordTokens } from './documentEstimate';
import { FileTokenTotals, type FileTokens } from './fileEstimate';

/** A file on disk, validated and counted in one streamed pass. */
export interface FileEstimate {
  report: BatchFileReport;
  tokens: FileTokens;
  /** Lines whose request is over its model's context window. */
  contextErrors: number;
  /** Input tokens by 0-based line (0 for lines that are not requests): what a split by tokens needs. */
  lineTokens: number[];
}

/** Validates and counts a batch file in one pass (memory bounded as for `validateBatchFile`). */
export async function estimateBatchFile(path: string, options: ValidationOptions): Promise<FileEstimate> {
  const totals = new FileTokenTotals();
  const lineTokens: number[] = [];
  const report = await validateBatchFile(path, options, (record) => {
    const tokens = countRecordTokens(record);
    lineTokens[record.line] = tokens?.input ?? 0;
    if (tokens) totals.add(tokens);
  });
  const contextErrors = report.diagnostics.filter((diagnostic) => diagnostic.code === DiagnosticCodes.contextLengthExceeded).length;
  return { report, tokens: totals.totals(), contextErrors, lineTokens };
}
