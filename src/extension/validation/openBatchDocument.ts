import type * as vscode from 'vscode';
import { DocumentTokenEstimate } from '../../core/estimate';
import { BatchDocumentValidator } from '../../core/validation';
import type { ProviderLimitsName, ValidationOptions } from '../../core/validation/types';

/** Text larger than this is fed to a new validator in slices, yielding to the extension host between them. */
const SLICE_CHARS = 256 * 1024;

/** The part of a snapshot of the document not yet fed to the validator. */
interface PendingLoad {
  text: string;
  offset: number;
  line: number;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * One open batch document and its incremental validator. Edits are queued as they arrive and applied
 * in order when the validator is next needed: by the debounced validation, or right away by a quick fix,
 * hover or completion. A large document is loaded into its validator in slices (inserted at the end
 * through the edit API) so that opening it never blocks the extension host for long; edits made while
 * it loads are queued behind the snapshot being loaded.
 */
export class OpenBatchDocument implements vscode.Disposable {
  private validator: BatchDocumentValidator | undefined;
  /** The token estimate of the validator's lines (it follows the validator's edits). */
  private tokenEstimate: DocumentTokenEstimate | undefined;
  private load: PendingLoad | undefined;
  private readonly pendingEdits: (readonly vscode.TextDocumentContentChangeEvent[])[] = [];
  private timer: NodeJS.Timeout | undefined;
  private disposed = false;

  constructor(
    readonly document: vscode.TextDocument,
    private options: ValidationOptions,
  ) {}

  get validationProvider(): ProviderLimitsName {
    return this.options.provider;
  }

  recordEdit(changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    // Before the first validation there is nothing to update: the whole text is read then.
    if (!this.validator) return;
    // A large insertion (the file changed on disk, a paste) would be analysed in one block: load the
    // text again in slices instead.
    if (changes.some((change) => change.text.length > SLICE_CHARS)) {
      this.restart();
      return;
    }
    this.pendingEdits.push(changes);
  }

  /**
   * New options (another provider, a byte-order mark gained or lost) change findings on every line, so
   * the next validation starts again from the full text. Returns whether anything changed.
   */
  setOptions(options: ValidationOptions): boolean {
    if (options.provider === this.options.provider && options.byteOrderMark === this.options.byteOrderMark) return false;
    this.options = options;
    this.restart();
    return true;
  }

  /** The next validation reads the whole text again (a load under way stops and starts over). */
  private restart(): void {
    this.validator = undefined;
    this.load = undefined;
    this.pendingEdits.length = 0;
  }

  /** The validator brought up to date with the document now (finishing any load synchronously). */
  current(): BatchDocumentValidator {
    const validator = this.validator ?? this.startLoad();
    while (this.load) this.loadSlice(validator);
    return this.applyPendingEdits(validator);
  }

  /** Like `current()`, but yields between the slices of a large document. */
  async whenCurrent(): Promise<BatchDocumentValidator> {
    const validator = this.validator ?? this.startLoad();
    while (this.load && this.validator === validator) {
      this.loadSlice(validator);
      if (this.load) await yieldToEventLoop();
    }
    // New options or a large edit restarted the load meanwhile: finish the new one instead.
    if (this.validator !== validator && !this.disposed) return this.whenCurrent();
    return this.applyPendingEdits(validator);
  }

  schedule(delayMs: number, run: () => void): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(run, delayMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.disposed = true;
    this.validator = undefined;
    this.load = undefined;
  }

  /** The token estimate of the current validator (lines are counted by its `countPending`, in slices). */
  get estimate(): DocumentTokenEstimate | undefined {
    return this.tokenEstimate;
  }

  private startLoad(): BatchDocumentValidator {
    const validator = new BatchDocumentValidator(this.options);
    this.tokenEstimate = new DocumentTokenEstimate(validator);
    const text = this.document.getText();
    this.pendingEdits.length = 0;
    if (text.length <= SLICE_CHARS) {
      validator.setText(text);
    } else {
      validator.setText('');
      this.load = { text, offset: 0, line: 0 };
    }
    this.validator = validator;
    return validator;
  }

  /** Appends the next slice, cut after a line break so that `\r\n` pairs and lines stay whole. */
  private loadSlice(validator: BatchDocumentValidator): void {
    const load = this.load!;
    const lineBreak = load.text.indexOf('\n', load.offset + SLICE_CHARS);
    const end = lineBreak < 0 ? load.text.length : lineBreak + 1;
    const slice = load.text.slice(load.offset, end);
    const position = { line: load.line, character: 0 };
    validator.applyContentChanges([{ range: { start: position, end: position }, text: slice }]);
    load.offset = end;
    load.line += countLineBreaks(slice);
    if (load.offset >= load.text.length) this.load = undefined;
  }

  private applyPendingEdits(validator: BatchDocumentValidator): BatchDocumentValidator {
    for (const changes of this.pendingEdits.splice(0)) validator.applyContentChanges(changes);
    return validator;
  }
}

function countLineBreaks(text: string): number {
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}
