import * as l10n from '@vscode/l10n';
import { DiagnosticCodes } from './codes';
import type { LineRecord } from './lineRecord';
import { onLine, type ColumnSpan } from './lineText';
import { PROVIDER_LIMITS, type ProviderLimits } from './providers';
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
export function duplicateCustomIdDiagnostic(record: LineRecord, first: CustomIdOccurrence): BatchDiagnostic {
  const span = record.lookups.valueSpan(['custom_id']);
  const id = record.customId ?? '';
  return {
    line: record.line,
    column: span.column,
    endLine: record.line,
    endColumn: span.endColumn,
    severity: 'error',
    code: DiagnosticCodes.duplicateCustomId,
    message: l10n.t('custom_id "{0}" is already used on line {1}: each request needs a unique custom_id', id, first.line + 1),
    param: 'custom_id',
    related: [{ line: first.line, column: first.span.column, endLine: first.line, endColumn: first.span.endColumn, message: l10n.t('first use of custom_id "{0}"', id) }],
  };
}

/**
 * The rules that need the whole file, run in one pass over its lines in order (the editor's report and
 * the streaming file validator both use it): the file's kind, endpoint and model, blank lines, limits,
 * the byte-order mark. Duplicate custom_ids are the caller's: the editor keeps an incremental index,
 * the streaming validator a map of first occurrences.
 */
export class FileRulesPass {
  private readonly limits: ProviderLimits;
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
    this.limits = PROVIDER_LIMITS[options.provider];
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
    const kind = this.fileKind;
    this.requests++;
    if (kind === 'input') this.reportBlankRun();
    this.blankRun = undefined;
    for (const finding of record.findings(kind)) this.push(onLine(record.line, finding));
    if (kind === 'input' && record.shape === 'object') this.checkAgainstFile(record);
    if (kind === 'input' && this.requests === (this.limits.maxRequests ?? Infinity) + 1) {
      this.push(this.wholeLine(record, DiagnosticCodes.tooManyTasks, `The batch has more than ${this.limits.maxRequests} requests, the most ${this.options.provider} takes in one file: split it`));
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
            ? l10n.t('The file starts with a UTF-8 byte-order mark, which makes {0} fail the batch: save it as UTF-8 without BOM', this.options.provider)
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
    if (kind === 'input' && this.endpoint !== undefined) report.endpoint = this.endpoint;
    if (kind === 'input' && this.model !== undefined) report.model = this.model;
    if (this.droppedDiagnostics) report.droppedDiagnostics = this.droppedDiagnostics;
    return report;
  }

  private checkAgainstFile(record: LineRecord): void {
    const { url, model, embeddingInputs } = record;
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
      else if (model !== this.model) {
        this.push(onLine(record.line, {
          ...record.lookups.valueSpan(['body', 'model']),
          severity: 'error', code: DiagnosticCodes.modelMismatch, param: 'body.model',
          message: l10n.t('body.model "{0}" differs from the file\'s model "{1}": a batch file may use only one model', model, this.model),
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
    this.push(this.wholeLine(record, DiagnosticCodes.fileTooLarge, l10n.t('The file is larger than {0}, the most {1} takes: it passes the limit on this line; split it', formatBytes(maxBytes), this.options.provider)));
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
