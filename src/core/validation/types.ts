import type { DialectName } from '../dialects/dialect';

/** The providers whose limits apply to a batch file. */
export type ProviderLimitsName = 'openai' | 'azure' | 'groq' | 'generic';

export type DiagnosticSeverity = 'error' | 'warning';

/** A span in a document: 0-based lines, 0-based UTF-16 columns, end exclusive. */
export interface TextSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface RelatedSpan extends TextSpan {
  message: string;
}

/** One finding. `code` is a stable identifier named after the provider's own error codes. */
export interface BatchDiagnostic extends TextSpan {
  severity: DiagnosticSeverity;
  code: string;
  message: string;
  /** The offending parameter as the provider names it, e.g. `body.model`. */
  param?: string;
  related?: RelatedSpan[];
}

/** `input` for request files, `output` for result/error files (lines with `response`/`error`). */
export type BatchFileKind = 'input' | 'output';

export interface BatchFileReport {
  kind: BatchFileKind;
  /** The request format: the first request's (input files only). */
  dialect?: DialectName;
  requests: number;
  endpoint?: string;
  model?: string;
  bytes: number;
  diagnostics: BatchDiagnostic[];
  /** Findings left out past the cap (100,000): set only when there were that many. */
  droppedDiagnostics?: number;
}

export interface ValidationOptions {
  provider: ProviderLimitsName;
  /** The file's dialect when it is set for the file; default: each line's own, the first request's for the file. */
  dialect?: DialectName;
  /**
   * The file starts with a UTF-8 byte-order mark that is not in the text (VS Code strips it when it
   * reads the file: pass `document.encoding === 'utf8bom'`). A `\uFEFF` at the start of the text
   * counts without this.
   */
  byteOrderMark?: boolean;
}
