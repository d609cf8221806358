import { readFileLines } from '../jsonl/fileLines';
import { duplicateCustomIdDiagnostic, FileRulesPass, type CustomIdOccurrence } from './fileRules';
import { LineRecord } from './lineRecord';
import type { BatchFileReport, ValidationOptions } from './types';

/**
 * Validates a batch file on disk. It streams the file (1 MiB chunks, one line at a time), so memory is
 * bounded by the longest line and the custom_id map, never the file. Invalid UTF-8 is reported as
 * `invalid_json_line`. `onRecord` sees each analysed line (the estimate counts its tokens). Rejects when the
 * file cannot be read (missing, a directory, no permission) or has a line over 64 MB (`LineTooLongError`,
 * naming it).
 */
export async function validateBatchFile(path: string, options: ValidationOptions, onRecord?: (record: LineRecord) => void): Promise<BatchFileReport> {
  const pass = new FileRulesPass(options, 0);
  const firstOccurrences = new Map<string, CustomIdOccurrence>();
  const summary = await readFileLines(path, (fileLine, line) => {
    const record = new LineRecord(fileLine.text, line, options, fileLine);
    pass.add(record);
    onRecord?.(record);
    const id = record.customId;
    if (id === undefined) return;
    const first = firstOccurrences.get(id);
    const idKey = record.idKey(pass.fileDialect);
    if (!first) firstOccurrences.set(id, { line, span: record.lookups.valueSpan([idKey]) });
    else if (pass.fileKind === 'input') pass.push(duplicateCustomIdDiagnostic(record, first, idKey));
  });
  return pass.finish(summary.lines, summary.byteOrderMark || options.byteOrderMark === true);
}
