import { withoutCarriageReturn } from '../jsonl/lines';
import { duplicateCustomIdDiagnostic, FileRulesPass } from './fileRules';
import type { BatchLineInfo, TextContentChange } from './lineInfo';
import { LineRecord } from './lineRecord';
import { ANTHROPIC_LIMITS, dialectNamed, openaiDialect, type BatchDialect } from '../dialects';
import { PROVIDER_LIMITS } from './providers';
import type { BatchFileReport, ValidationOptions } from './types';

/** The most bytes `characters` UTF-16 code units can take in UTF-8. */
const MAX_UTF8_BYTES_PER_CHARACTER = 3;

/**
 * Incremental validation of one open document, for the editor. Every line is analysed once; an edit
 * analyses only the lines it touched and updates the custom_id index, and `getReport` runs the
 * cross-line rules in one cheap pass over the analysed lines.
 *
 * Lines are numbered as VS Code numbers them: `\n` ends a line and a `\r` before it is not part of it.
 * Edits, in either form:
 * - `applyEdit(startLine, endLine, newText)` replaces the old lines `startLine..endLine` (inclusive,
 *   numbered before the edit) with the lines of `newText` (split on `\n`);
 * - `applyContentChanges(changes)` takes the `contentChanges` of one VS Code change event as they are
 *   (applied in the order given, as VS Code does).
 * The lookups (`lineInfo`, `linesWithCustomId`, `fileEndpoint`, `fileModel`) answer for the text as
 * edited so far.
 */
export class BatchDocumentValidator {
  private records: LineRecord[] = [];
  /** Lines with a usable custom_id, by id: the record itself while the id is unique (the usual case). */
  private readonly customIdLines = new Map<string, LineRecord | LineRecord[]>();
  /** The ids on more than one line. */
  private readonly duplicatedIds = new Set<string>();
  /** UTF-16 code units in all lines: a cheap bound on the document's size in bytes. */
  private characters = 0;
  private report: BatchFileReport | undefined;
  /** Told of every replacement of lines (the token estimate re-counts only those). */
  private spliceListener: ((removed: readonly LineRecord[], added: readonly LineRecord[]) => void) | undefined;

  constructor(private options: ValidationOptions) {}

  /** Calls `listener` with the records each edit removes and adds, from now on (one listener). */
  onDidSpliceRecords(listener: (removed: readonly LineRecord[], added: readonly LineRecord[]) => void): void {
    this.spliceListener = listener;
  }

  /** The analysed lines, in order (read-only: for the token estimate). */
  get lineRecords(): readonly LineRecord[] {
    return this.records;
  }

  /** Changing the provider changes which urls are valid: the whole text is analysed again. */
  setOptions(options: ValidationOptions): void {
    this.options = options;
    this.setText(this.records.map((record) => record.text).join('\n'));
  }

  setText(text: string): void {
    if (this.records.length > 0) this.spliceListener?.(this.records, []);
    this.records = [];
    this.characters = 0;
    this.customIdLines.clear();
    this.duplicatedIds.clear();
    this.splice(0, 0, text.split('\n'));
  }

  applyEdit(startLine: number, endLine: number, newText: string): void {
    const start = Math.max(0, Math.min(startLine, this.records.length - 1));
    const end = Math.max(start, Math.min(endLine, this.records.length - 1));
    this.splice(start, end - start + 1, newText.split('\n'));
  }

  applyContentChanges(changes: readonly TextContentChange[]): void {
    for (const { range, text } of changes) {
      const last = this.records.length - 1;
      const startLine = Math.max(0, Math.min(range.start.line, last));
      const endLine = Math.max(startLine, Math.min(range.end.line, last));
      const before = this.records[startLine]?.text.slice(0, range.start.character) ?? '';
      const after = this.records[endLine]?.text.slice(range.end.character) ?? '';
      this.applyEdit(startLine, endLine, before + text + after);
    }
  }

  getReport(): BatchFileReport {
    if (this.report) return this.report;
    // Counting every line's bytes costs a third of a JSON.parse: skip it unless the limit is in reach.
    const maxBytes = Math.min(PROVIDER_LIMITS[this.options.provider].maxBytes ?? Infinity, ANTHROPIC_LIMITS.maxBytes ?? Infinity);
    const mayBeTooLarge = maxBytes !== undefined && MAX_UTF8_BYTES_PER_CHARACTER * this.characters + 2 * this.records.length > maxBytes;
    // Record lengths exclude the `\n` of each line ending: one byte each.
    const pass = new FileRulesPass(this.options, 1, mayBeTooLarge);
    for (const record of this.records) pass.add(record);
    if (pass.fileKind === 'input') {
      for (const id of this.duplicatedIds) {
        const [first, ...later] = this.linesOf(id);
        const idKey = first.idKey(pass.fileDialect);
        const occurrence = { line: first.line, span: first.lookups.valueSpan([idKey]) };
        for (const record of later) pass.push(duplicateCustomIdDiagnostic(record, occurrence, idKey));
      }
    }
    const first = this.records[0];
    const byteOrderMark = this.options.byteOrderMark === true || first?.start === 1;
    const report = pass.finish(this.records.length, byteOrderMark);
    if (!mayBeTooLarge) {
      // `bytes` is counted when first read (the editor never reads it), from the lines as they are now.
      const records = this.records.slice();
      let bytes: number | undefined;
      Object.defineProperty(report, 'bytes', {
        enumerable: true,
        get: () => (bytes ??= records.reduce((sum, record) => sum + record.byteLength, Math.max(0, records.length - 1))),
      });
    }
    this.report = report;
    return report;
  }

  get lineCount(): number {
    return this.records.length;
  }

  /** The url of the first request with a valid one: the endpoint every request must use. */
  get fileEndpoint(): string | undefined {
    return this.getReport().endpoint;
  }

  /** `body.model` of the first request that names one: the model every request must use. */
  get fileModel(): string | undefined {
    return this.getReport().model;
  }

  /** The request format of the file: set for it, else its first request's. */
  get fileDialect(): BatchDialect | undefined {
    const name = this.getReport().dialect;
    return name && dialectNamed(name);
  }

  /** The distinct `body.model` values of the file's requests, in order of first use (at most `limit`). */
  modelsInFile(limit = 50): string[] {
    const models = new Set<string>();
    for (const record of this.records) {
      if (record.model !== undefined) models.add(record.model);
      if (models.size >= limit) break;
    }
    return [...models];
  }

  /** The 0-based lines whose custom_id is `id`, in order. */
  linesWithCustomId(id: string): number[] {
    return this.linesOf(id).map((record) => record.line);
  }

  /** What the editor needs about one line: its parsed value and the spans of the envelope members. */
  lineInfo(line: number): BatchLineInfo | undefined {
    const record = this.records[line];
    if (!record) return undefined;
    const info: BatchLineInfo = { line, shape: record.shape };
    if (record.shape === 'blank' || record.shape === 'invalid_json') return info;
    info.value = record.parse()?.parsed;
    const lookups = record.lookups;
    // The request body: `body` in OpenAI's lines, `params` in Anthropic's.
    const body = (record.dialect ?? this.fileDialect ?? openaiDialect).modelPath[0];
    const members = {
      customId: lookups.memberInfo([record.idKey(this.fileDialect)]),
      method: lookups.memberInfo(['method']),
      url: lookups.memberInfo(['url']),
      body: lookups.memberInfo([body]),
      model: lookups.memberInfo([body, 'model']),
      stream: lookups.memberInfo([body, 'stream']),
    };
    for (const [name, span] of Object.entries(members)) if (span) info[name as keyof typeof members] = span;
    return info;
  }

  private linesOf(id: string): LineRecord[] {
    const lines = this.customIdLines.get(id);
    if (!lines) return [];
    return Array.isArray(lines) ? lines.slice().sort((a, b) => a.line - b.line) : [lines];
  }

  /** Replaces `count` records from `start` with analyses of `rawLines` (split on `\n` only). */
  private splice(start: number, count: number, rawLines: string[]): void {
    this.report = undefined;
    const added = rawLines.map((raw, index) => {
      const text = withoutCarriageReturn(raw);
      this.characters += text.length;
      return new LineRecord(text, start + index, this.options, { extraBytes: raw.length - text.length });
    });
    const removed = this.records.slice(start, start + count);
    // Not `splice(start, count, ...added)`: spreading a whole document's lines overflows the stack.
    if (this.records.length === 0) this.records = added;
    else if (added.length > 1000) this.records = [...this.records.slice(0, start), ...added, ...this.records.slice(start + count)];
    else this.records.splice(start, count, ...added);
    for (const record of removed) {
      this.characters -= record.text.length;
      this.unindex(record);
    }
    for (const record of added) this.index(record);
    this.spliceListener?.(removed, added);
    if (added.length !== removed.length) {
      for (let line = start + added.length; line < this.records.length; line++) this.records[line].line = line;
    }
  }

  private index(record: LineRecord): void {
    const id = record.customId;
    if (id === undefined) return;
    const lines = this.customIdLines.get(id);
    if (!lines) this.customIdLines.set(id, record);
    else {
      this.customIdLines.set(id, Array.isArray(lines) ? [...lines, record] : [lines, record]);
      this.duplicatedIds.add(id);
    }
  }

  private unindex(record: LineRecord): void {
    const id = record.customId;
    const lines = id === undefined ? undefined : this.customIdLines.get(id);
    if (id === undefined || !lines) return;
    const remaining = Array.isArray(lines) ? lines.filter((candidate) => candidate !== record) : [];
    if (remaining.length === 0) this.customIdLines.delete(id);
    else this.customIdLines.set(id, remaining.length === 1 ? remaining[0] : remaining);
    if (remaining.length < 2) this.duplicatedIds.delete(id);
  }
}
