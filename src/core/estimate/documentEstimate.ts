import { openaiDialect } from '../dialects';
import type { BatchDocumentValidator } from '../validation/documentValidator';
import type { LineRecord } from '../validation/lineRecord';
import { isJsonObject } from '../validation/jsonValues';
import { FileTokenTotals, type FileTokens } from './fileEstimate';
import { countRequestTokens, type RequestTokens } from './requestTokens';
import { tokenizerForModel } from './tokenizer';

/** The tokens of one analysed line, or `undefined` when it is not a request. */
export function countRecordTokens(record: LineRecord): RequestTokens | undefined {
  if (record.shape !== 'object' || record.looksLikeOutput) return undefined;
  const value = record.parse()?.parsed;
  if (!isJsonObject(value)) return undefined;
  const counted = (record.dialect ?? openaiDialect).countedRequest(value);
  if (!counted) return undefined;
  return countRequestTokens(record.dialect === openaiDialect || !record.dialect ? (record.url ?? counted.url) : counted.url, counted.body, tokenizerForModel(record.model));
}

/**
 * The token estimate of an open document, kept up to date incrementally: the validator reports the lines
 * each edit replaces, removed lines are taken out of the totals and added ones wait to be counted. Counting
 * is separate from validation (`countPending`, in slices), so a large file never blocks the editor and a
 * one-line edit re-counts one line.
 */
export class DocumentTokenEstimate {
  private readonly counted = new Map<LineRecord, RequestTokens | undefined>();
  private readonly pending = new Set<LineRecord>();
  private readonly totals = new FileTokenTotals();

  constructor(validator: BatchDocumentValidator) {
    for (const record of validator.lineRecords) this.pending.add(record);
    validator.onDidSpliceRecords((removed, added) => {
      for (const record of removed) this.forget(record);
      for (const record of added) this.pending.add(record);
    });
  }

  /** Lines not yet counted. */
  get pendingLines(): number {
    return this.pending.size;
  }

  /** Counts up to `maxLines` waiting lines; returns whether none is left. */
  countPending(maxLines = Infinity): boolean {
    let budget = maxLines;
    for (const record of this.pending) {
      if (budget-- <= 0) return false;
      this.pending.delete(record);
      this.include(record);
    }
    return true;
  }

  /** The totals of the lines counted so far (all of them once `countPending` returned true). */
  fileTokens(): FileTokens {
    return this.totals.totals();
  }

  /** One line's tokens, counting it now if it waits (for a hover). */
  lineTokens(record: LineRecord): RequestTokens | undefined {
    if (this.pending.delete(record)) this.include(record);
    return this.counted.get(record);
  }

  private include(record: LineRecord): void {
    const tokens = countRecordTokens(record);
    this.counted.set(record, tokens);
    if (tokens) this.totals.add(tokens);
  }

  private forget(record: LineRecord): void {
    if (this.pending.delete(record)) return;
    const tokens = this.counted.get(record);
    this.counted.delete(record);
    if (tokens) this.totals.remove(tokens);
  }
}
