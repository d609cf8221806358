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
}

/** Validates and counts a batch file in one pass (memory bounded as for `validateBatchFile`). */
export async function estimateBatchFile(path: string, options: ValidationOptions): Promise<FileEstimate> {
  const totals = new FileTokenTotals();
  const report = await validateBatchFile(path, options, (record) => {
    const tokens = countRecordTokens(record);
    if (tokens) totals.add(tokens);
  });
  const contextErrors = report.diagnostics.filter((diagnostic) => diagnostic.code === DiagnosticCodes.contextLengthExceeded).length;
  return { report, tokens: totals.totals(), contextErrors };
}
