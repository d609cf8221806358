import * as l10n from '@vscode/l10n';
import { findJsonSyntaxError } from '../jsonl/jsonSyntax';
import { isBlankLine } from '../jsonl/lines';
import { DiagnosticCodes } from './codes';
import { isJsonObject } from './jsonValues';
import type { LineShape } from './lineInfo';
import { finding, LineText, type LineDiagnostic } from './lineText';
import { looksLikeOutputLine, outputFindings } from './outputRules';
import { detectRequestDialect, dialectNamed, openaiDialect, type BatchDialect, type RequestFacts } from '../dialects';
import type { BatchFileKind, ValidationOptions } from './types';

const BYTE_ORDER_MARK = 0xfeff;
const NO_FINDINGS: readonly LineDiagnostic[] = Object.freeze([]);
/** Findings kept per line; the rest are counted in one summary (a line of 30,000 unknown keys would bury Problems). */
export const MAX_FINDINGS_PER_LINE = 100;

/** The first {@link MAX_FINDINGS_PER_LINE} findings, then one that counts the others. */
function capped(found: LineDiagnostic[], span: () => { column: number; endColumn: number }): LineDiagnostic[] {
  if (found.length <= MAX_FINDINGS_PER_LINE) return found;
  const rest = found.slice(MAX_FINDINGS_PER_LINE);
  const severity = rest.some((entry) => entry.severity === 'error') ? 'error' : 'warning';
  const codes = [...new Set(rest.map((entry) => entry.code))].join(', ');
  const summary = finding(span(), DiagnosticCodes.tooManyDiagnostics, l10n.t('{0} more problems on this line ({1}) are not listed: fix the ones shown first', rest.length, codes), undefined, severity);
  return [...found.slice(0, MAX_FINDINGS_PER_LINE), summary];
}

function syntaxFindings(text: string, start: number, invalidUtf8Column: number | undefined): LineDiagnostic[] {
  if (invalidUtf8Column !== undefined) {
    const span = { column: invalidUtf8Column, endColumn: Math.min(invalidUtf8Column + 1, text.length) };
    return [finding(span, DiagnosticCodes.invalidJsonLine, l10n.t('This line is not valid UTF-8 (a byte sequence here cannot be decoded): save the file as UTF-8'))];
  }
  const error = findJsonSyntaxError(text, start);
  const column = Math.max(0, Math.min(error?.offset ?? start, text.length - 1));
  const message = error ? l10n.t('This line is not parseable as valid JSON: {0}', error.message) : l10n.t('This line is not parseable as valid JSON');
  return [finding({ column, endColumn: text.length }, DiagnosticCodes.invalidJsonLine, message)];
}

/**
 * One analysed line: its shape, the facts the cross-line rules use, and its own findings. The parsed
 * value is not kept (the editor holds 50,000 lines); it is parsed again on the rare occasions it is
 * needed: findings for the other file kind, `BatchDocumentValidator.lineInfo`.
 */
export class LineRecord implements RequestFacts {
  /** The line's current 0-based number (the editor renumbers lines after an edit adds or removes some). */
  line: number;
  readonly shape: LineShape;
  /** It reads as a line of an output or error file. */
  readonly looksLikeOutput: boolean = false;
  // The request facts live on the record itself: one object per line keeps the editor's heap small.
  customId: string | undefined = undefined;
  url: string | undefined = undefined;
  model: string | undefined = undefined;
  embeddingInputs = 0;
  /** The request format the line is written in (the file's, when the file sets one); undefined when it does not say. */
  readonly dialect: BatchDialect | undefined = undefined;
  /** The dialect the findings of a line that does not name its own were computed in. */
  private findingsDialect: BatchDialect | undefined = undefined;
  private inputFindings: readonly LineDiagnostic[] | undefined = undefined;
  private outputFindings: readonly LineDiagnostic[] | undefined = undefined;
  private lineText: LineText | undefined = undefined;
  private bytes: number | undefined;

  constructor(
    readonly text: string,
    line: number,
    private readonly options: ValidationOptions,
    /** What the reader knows: the bytes on disk (line ending included), or bytes the text lacks (a `\r`). */
    source: { bytes?: number; extraBytes?: number; invalidUtf8Column?: number } = {},
  ) {
    const { invalidUtf8Column } = source;
    this.bytes = source.bytes;
    this.extraBytes = source.extraBytes ?? 0;
    this.line = line;
    if (invalidUtf8Column !== undefined || !isBlankLine(text)) {
      const value = invalidUtf8Column === undefined ? this.parse() : undefined;
      if (value === undefined) {
        this.shape = 'invalid_json';
        this.inputFindings = this.outputFindings = syntaxFindings(text, this.start, invalidUtf8Column);
      } else if (!isJsonObject(value.parsed)) {
        this.shape = 'not_object';
      } else {
        this.shape = 'object';
        this.looksLikeOutput = looksLikeOutputLine(value.parsed);
        this.dialect = options.dialect ? dialectNamed(options.dialect) : detectRequestDialect(value.parsed);
        (this.dialect ?? openaiDialect).collectFacts(value.parsed, options.provider, this);
        if (this.looksLikeOutput) this.outputFindings = this.computeFindings('output', value.parsed, openaiDialect);
        else if (this.dialect) this.inputFindings = this.computeFindings('input', value.parsed, this.dialect);
      }
    } else {
      this.shape = 'blank';
      this.inputFindings = this.outputFindings = NO_FINDINGS;
    }
  }

  private readonly extraBytes: number;

  /** The line's size in bytes, counted on first use (the editor rarely needs it). */
  get byteLength(): number {
    return (this.bytes ??= Buffer.byteLength(this.text, 'utf8') + this.extraBytes);
  }

  /** Where the JSON starts: after the byte-order mark an editor keeps at the start of line 0. */
  get start(): number {
    return this.line === 0 && this.text.charCodeAt(0) === BYTE_ORDER_MARK ? 1 : 0;
  }

  /** The text with its member lookups (created on first use: most lines never need it). */
  get lookups(): LineText {
    this.lineText ??= new LineText(this.text, this.start);
    return this.lineText;
  }

  /** The parsed line, or `undefined` when it is not JSON. */
  parse(): { parsed: unknown } | undefined {
    try {
      return { parsed: JSON.parse(this.start ? this.text.slice(this.start) : this.text) as unknown };
    } catch {
      return undefined;
    }
  }

  /** The member naming the request: its dialect's, else the file's. */
  idKey(fileDialect: BatchDialect | undefined): string {
    return (this.dialect ?? fileDialect ?? openaiDialect).idKey;
  }

  /** This line's own findings when the file is of `kind`, in `fileDialect` unless the line names its own. */
  findings(kind: BatchFileKind, fileDialect: BatchDialect = openaiDialect): readonly LineDiagnostic[] {
    if (kind === 'output') return (this.outputFindings ??= this.computeFindings(kind, this.parse()?.parsed, openaiDialect));
    const dialect = this.dialect ?? fileDialect;
    // Only an object line that names no dialect reads differently in another file dialect.
    if (this.inputFindings && (this.dialect || this.shape !== 'object' || this.findingsDialect === dialect)) return this.inputFindings;
    this.findingsDialect = dialect;
    return (this.inputFindings = this.computeFindings(kind, this.parse()?.parsed, dialect));
  }

  private computeFindings(kind: BatchFileKind, value: unknown, dialect: BatchDialect): readonly LineDiagnostic[] {
    if (!isJsonObject(value)) {
      const span = this.lookups.contentSpan();
      return kind === 'input'
        ? [finding(span, DiagnosticCodes.invalidRequest, l10n.t('This line is JSON but not an object: each line must be a request {"custom_id", "method", "url", "body"}'))]
        : [finding(span, DiagnosticCodes.invalidOutputLine, l10n.t('A result line must be a JSON object'))];
    }
    const found = kind === 'input' ? dialect.requestFindings(value, this, this.options.provider) : outputFindings(value, this);
    return found.length ? capped(found, () => this.lookups.contentSpan()) : NO_FINDINGS;
  }
}
