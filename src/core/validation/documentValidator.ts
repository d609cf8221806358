import type { BatchLineInfo, TextContentChange } from './lineInfo';
import type { BatchFileReport, ValidationOptions } from './types';

/**
 * Incremental validation of one open document (API published first; the rules land next).
 *
 * Edits: `applyEdit(startLine, endLine, newText)` replaces the old lines `startLine..endLine`
 * (inclusive, numbered before the edit) with `newText` split on `\n` (a trailing `\r` per line is
 * dropped). `applyContentChanges(changes)` takes VS Code's `contentChanges` of one change event as is
 * (applied in the order given, as VS Code does).
 */
export class BatchDocumentValidator {
  constructor(private options: ValidationOptions) {}

  setOptions(options: ValidationOptions): void {
    this.options = options;
  }

  setText(_text: string): void {}

  applyEdit(_startLine: number, _endLine: number, _newText: string): void {}

  applyContentChanges(_changes: readonly TextContentChange[]): void {}

  getReport(): BatchFileReport {
    return { kind: 'input', requests: 0, bytes: 0, diagnostics: [], ...(this.options ? {} : {}) };
  }

  get lineCount(): number {
    return 0;
  }

  get fileEndpoint(): string | undefined {
    return undefined;
  }

  get fileModel(): string | undefined {
    return undefined;
  }

  linesWithCustomId(_id: string): number[] {
    return [];
  }

  lineInfo(_line: number): BatchLineInfo | undefined {
    return undefined;
  }
}
