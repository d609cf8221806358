import * as l10n from '@vscode/l10n';
import { DiagnosticCodes } from './codes';
import type { LineRecord } from './lineRecord';
import { onLine, type ColumnSpan } from './lineText';
import { dialectNamed, openaiDialect, type BatchDialect } from '../dialects';
import type { ProviderLimits } from './providers';
import type { BatchDiagnostic, BatchFileKind, BatchFileReport, ValidationOptions } from './types';

/** Past this many findings a file is hopeless; more would only cost memory (a 200 MB file of garbage). */
export const MAX_DIAGNOSTICS = 100_000;

const MB = 1024 * 1024;

function formatBytes(bytes: number): string {
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** Where the first occurrence of a custom_id is, for the related information of its duplicates. */
export interface CustomIdOccurrence {
  line: number;
  span: ColumnSpan;
}

/** The duplicate_custom_id finding on a later occurrence, pointing back at the first. */
export function duplicateCustomIdDiagnostic(record: LineRecord, first: CustomIdOccurrence, idKey: string): BatchDiagnostic {
  const span = record.lookups.valueSpan([idKey]);
  const id = record.customId ?? '';
  return {
    line: record.line,
    column: span.column,
    endLine: record.line,
    endColumn: span.endColumn,
    severity: 'error',
    code: DiagnosticCodes.duplicateCustomId,
    message: l10n.t('{0} "{1}" is already used on line {2}: each request needs a unique {0}', idKey, id, first.line + 1),
    param: idKey,
    related: [{ line: first.line, column: first.span.column, endLine: first.line, endColumn: first.span.endColumn, message: l10n.t('first use of {0} "{1}"', idKey, id) }],
  };
}

/**
 * The rules that need the whole file, run in one pass over its lines in order (the editor's report and
 * the streaming file validator both use it): the file's kind, endpoint and model, blank lines, limits,
 * the byte-order mark. Duplicate custom_ids are the caller's: the editor keeps an incremental index,
 * the streaming validator a map of first occurrences.
 */
export class FileRulesPass {
  /** The file's dialect: set for the file, else its first request's. */
  private dialect: BatchDialect | undefined;
  private limits: ProviderLimits;
  /** Whose limits they are, for messages: `openai`, `azure`, `Anthropic`. */
  private limitsLabel: string;
  private kind: BatchFileKind | undefined;
  private requests = 0;
  private bytes = 0;
  private embeddingInputs = 0;
  private endpoint: string | undefined;
  private model: string | undefined;
  private reportedTooLarge = false;
  /** Blank lines since the last non-blank one: a warning once a request follows them. */
  private blankRun: { first: number; last: number } | undefined;
  private droppedDiagnostics = 0;
  private readonly diagnostics: BatchDiagnostic[] = [];

  constructor(
    private readonly options: ValidationOptions,
    /** Bytes each line ending adds (the editor's lines exclude them, the file reader's include them). */
    private readonly lineEndingBytes: number,
    /**
     * Count bytes line by line (for `file_too_large` and the report). The editor turns it off when the
     * document cannot reach the limit, and counts its bytes only if the report's `bytes` is read.
     */
    private readonly countBytes = true,
  ) {
    if (options.dialect) this.dialect = dialectNamed(options.dialect);
    ({ limits: this.limits, label: this.limitsLabel } = (this.dialect ?? openaiDialect).limits(options.provider));
  }

  /** The file's dialect so far: set for the file, or by its first request that names one. */
  get fileDialect(): BatchDialect | undefined {
    return this.dialect;
  }

  /** The file's kind so far: set by its first JSON object line. */
  get fileKind(): BatchFileKind {
    return this.kind ?? 'input';
  }

  add(record: LineRecord): void {
    if (this.countBytes) this.bytes += record.byteLength + this.lineEndingBytes;
    if (record.shape === 'blank') {
      if (this.blankRun) this.blankRun.last = record.line;
      else this.blankRun = { first: record.line, last: record.line };
      this.checkFileSize(record);
      return;
    }
    if (this.kind === undefined && record.shape === 'object') this.kind = record.looksLikeOutput ? 'output' : 'input';
    if (this.dialect === undefined && this.kind === 'input' && record.dialect) {
      this.dialect = record.dialect;
      ({ limits: this.limits, label: this.limitsLabel } = record.dialect.limits(this.options.provider));
    }
    const kind = this.fileKind;
    this.requests++;
    if (kind === 'input') this.reportBlankRun();
    this.blankRun = undefined;
    for (const finding of record.findings(kind, this.dialect)) this.push(onLine(record.line, finding));
    if (kind === 'input' && record.shape === 'object') this.checkAgainstFile(record);
    if (kind === 'input' && this.requests === (this.limits.maxRequests ?? Infinity) + 1) {
      this.push(this.wholeLine(record, DiagnosticCodes.tooManyTasks, l10n.t('The batch has more than {0} requests, the most {1} takes in one file: split it', this.limits.maxRequests ?? 0, this.limitsLabel)));
    }
    this.checkFileSize(record);
  }

  /** Adds a finding made outside the pass (duplicate custom_ids). */
  push(diagnostic: BatchDiagnostic): void {
    if (this.diagnostics.length < MAX_DIAGNOSTICS) this.diagnostics.push(diagnostic);
    else this.droppedDiagnostics++;
  }

  /** The report; `lineCount` lines were added, `byteOrderMark` says whether the file starts with one. */
  finish(lineCount: number, byteOrderMark: boolean): BatchFileReport {
    const kind = this.fileKind;
    if (kind === 'input' && byteOrderMark) {
      this.push({
        line: 0, column: 0, endLine: 0, endColumn: 0,
        severity: this.limits.bomSeverity,
        code: DiagnosticCodes.utf8Bom,
        message:
          this.limits.bomSeverity === 'error'
            ? l10n.t('The file starts with a UTF-8 byte-order mark, which makes {0} fail the batch: save it as UTF-8 without BOM', this.limitsLabel)
            : l10n.t('The file starts with a UTF-8 byte-order mark: save it as UTF-8 without BOM'),
      });
    }
    if (kind === 'input' && this.requests === 0) {
      this.push({ line: 0, column: 0, endLine: 0, endColumn: 0, severity: 'error', code: DiagnosticCodes.emptyBatch, message: l10n.t('The batch has no requests: add at least one request line') });
    }
    const diagnostics = this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    const report: BatchFileReport = {
      kind,
      requests: this.requests,
      bytes: Math.max(0, this.bytes - (lineCount > 0 ? this.lineEndingBytes : 0)),
      diagnostics,
    };
    if (kind === 'input' && this.dialect) report.dialect = this.dialect.name;
    if (kind === 'input' && this.endpoint !== undefined) report.endpoint = this.endpoint;
    if (kind === 'input' && this.model !== undefined) report.model = this.model;
    if (this.droppedDiagnostics) report.droppedDiagnostics = this.droppedDiagnostics;
    return report;
  }

  private checkAgainstFile(record: LineRecord): void {
    const { url, model, embeddingInputs } = record;
    const dialect = this.dialect ?? openaiDialect;
    if (record.dialect && record.dialect !== dialect) {
      this.push(this.wholeLine(record, DiagnosticCodes.dialectMismatch, l10n.t('This line is an {0} request in a file of {1} requests (as its first request): a batch file holds one format; convert or move the line', record.dialect.label, dialect.label)));
      return;
    }
    if (url !== undefined) {
      if (this.endpoint === undefined) this.endpoint = url;
      else if (url !== this.endpoint) {
        this.push(onLine(record.line, {
          ...record.lookups.valueSpan(['url']),
          severity: 'error', code: DiagnosticCodes.urlMismatch, param: 'url',
          message: l10n.t('url "{0}" differs from the file\'s endpoint "{1}": every request in a batch goes to the same endpoint', url, this.endpoint),
        }));
      }
    }
    if (model !== undefined) {
      if (this.model === undefined) this.model = model;
      else if (model !== this.model && dialect.oneModelPerFile) {
        const param = dialect.modelPath.join('.');
        this.push(onLine(record.line, {
          ...record.lookups.valueSpan(dialect.modelPath),
          severity: 'error', code: DiagnosticCodes.modelMismatch, param,
          message: l10n.t('{0} "{1}" differs from the file\'s model "{2}": a batch file may use only one model', param, model, this.model),
        }));
      }
    }
    const maxInputs = this.limits.maxEmbeddingInputs;
    if (embeddingInputs && maxInputs !== undefined && this.embeddingInputs <= maxInputs && this.embeddingInputs + embeddingInputs > maxInputs) {
      this.push(onLine(record.line, {
        ...record.lookups.valueSpan(['body', 'input']),
        severity: 'error', code: DiagnosticCodes.tooManyInputs, param: 'body.input',
        message: l10n.t('The batch embeds more than {0} inputs in all ({1} so far): split the file', maxInputs, this.embeddingInputs + embeddingInputs),
      }));
    }
    this.embeddingInputs += embeddingInputs;
  }

  private checkFileSize(record: LineRecord): void {
    const maxBytes = this.limits.maxBytes;
    if (!this.countBytes || this.reportedTooLarge || maxBytes === undefined || this.bytes <= maxBytes || this.fileKind !== 'input') return;
    this.reportedTooLarge = true;
    this.push(this.wholeLine(record, DiagnosticCodes.fileTooLarge, l10n.t('The file is larger than {0}, the most {1} takes: it passes the limit on this line; split it', formatBytes(maxBytes), this.limitsLabel)));
  }

  private reportBlankRun(): void {
    if (!this.blankRun) return;
    for (let line = this.blankRun.first; line <= this.blankRun.last; line++) {
      this.push({ line, column: 0, endLine: line, endColumn: 0, severity: 'warning', code: DiagnosticCodes.blankLine, message: l10n.t('Blank line between requests: providers reject empty lines; remove it') });
    }
  }

  private wholeLine(record: LineRecord, code: string, message: string): BatchDiagnostic {
    return onLine(record.line, { ...record.lookups.contentSpan(), severity: 'error', code, message });
  }
}
