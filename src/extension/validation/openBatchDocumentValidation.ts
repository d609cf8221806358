import * as vscode from 'vscode';
import type { FileTokens, RequestTokens } from '../../core/estimate';
import type { BatchDocumentValidator } from '../../core/validation';
import type { BatchFileReport, ProviderLimitsName, ValidationOptions } from '../../core/validation/types';
import type { BatchStudioConfiguration, BatchStudioConfigurationChange } from '../configuration';
import type { BatchDiagnostics } from './batchDiagnostics';
import { isBatchDocument } from './batchLanguage';
import { toDiagnostic } from './diagnosticConversion';
import { OpenBatchDocument } from './openBatchDocument';

/**
 * Live diagnostics for every open batch document: validated on open, re-validated (debounced) on change
 * through the document's incremental validator, cleared on close. A result is published only while its
 * ticket is the document's latest, so a superseded validation never overwrites a newer one.
 */
export class OpenBatchDocumentValidation implements vscode.Disposable {
  private readonly open = new Map<string, OpenBatchDocument>();
  private readonly reports = new Map<string, BatchFileReport>();
  private readonly reportEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly estimates = new Map<string, FileTokens>();
  private readonly estimateEmitter = new vscode.EventEmitter<vscode.TextDocument>();
  private readonly subscriptions: vscode.Disposable[] = [];

  /** Fires with a document whose report was published, or dropped because it closed. */
  readonly onDidChangeReport = this.reportEmitter.event;

  /** Fires with a document whose token estimate was brought up to date (after its report). */
  readonly onDidChangeEstimate = this.estimateEmitter.event;

  constructor(
    private readonly configuration: BatchStudioConfiguration,
    private readonly diagnostics: BatchDiagnostics,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((document) => this.track(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.untrack(document)),
      configuration.onDidChange((change) => this.onConfigurationChange(change)),
    );
    vscode.workspace.textDocuments.forEach((document) => this.track(document));
  }

  isOpen(uri: vscode.Uri): boolean {
    return this.open.has(uri.toString());
  }

  /** The last published report of an open batch document. */
  reportFor(document: vscode.TextDocument): BatchFileReport | undefined {
    return this.reports.get(document.uri.toString());
  }

  /** The token totals of an open batch document, once every line is counted. */
  estimateFor(document: vscode.TextDocument): FileTokens | undefined {
    return this.estimates.get(document.uri.toString());
  }

  /** One line's tokens (counted now if it has not been yet); `undefined` for a line that is not a request. */
  lineTokens(document: vscode.TextDocument, line: number): RequestTokens | undefined {
    const entry = this.open.get(document.uri.toString());
    const validator = entry?.current();
    const record = validator?.lineRecords[line];
    return record && entry?.estimate?.lineTokens(record);
  }

  /** The document's validator, up to date with its text (for quick fixes, hovers and completions). */
  validatorFor(document: vscode.TextDocument): BatchDocumentValidator | undefined {
    return this.open.get(document.uri.toString())?.current();
  }

  /** The provider whose limits apply to the document. */
  providerFor(document: vscode.TextDocument): ProviderLimitsName {
    return this.open.get(document.uri.toString())?.validationProvider ?? this.configuration.validationProvider(document);
  }

  dispose(): void {
    this.subscriptions.forEach((subscription) => subscription.dispose());
    this.open.forEach((entry) => entry.dispose());
    this.open.clear();
    this.reports.clear();
    this.estimates.clear();
    this.reportEmitter.dispose();
    this.estimateEmitter.dispose();
  }

  private track(document: vscode.TextDocument): void {
    if (!isBatchDocument(document) || this.open.has(document.uri.toString())) return;
    const entry = new OpenBatchDocument(document, this.optionsFor(document));
    this.open.set(document.uri.toString(), entry);
    this.validateSoon(entry, 0);
  }

  private untrack(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const entry = this.open.get(key);
    if (!entry) return;
    entry.dispose();
    this.open.delete(key);
    this.reports.delete(key);
    this.estimates.delete(key);
    this.diagnostics.clear(document.uri);
    this.reportEmitter.fire(document);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const entry = this.open.get(event.document.uri.toString());
    if (!entry) return;
    // An event may only report a new encoding (a byte-order mark gained or lost) or a dirty-state change.
    if (entry.setOptions(this.optionsFor(event.document))) {
      this.validateSoon(entry, 0);
    } else if (event.contentChanges.length > 0) {
      entry.recordEdit(event.contentChanges);
      this.validateSoon(entry, this.configuration.validationDelayMs(event.document));
    }
  }

  private onConfigurationChange(change: BatchStudioConfigurationChange): void {
    for (const entry of this.open.values()) {
      if (!change.affects('validationProvider', entry.document)) continue;
      if (entry.setOptions(this.optionsFor(entry.document))) this.validateSoon(entry, 0);
    }
  }

  /** VS Code keeps a byte-order mark out of the text, in the encoding: the core is told separately. */
  private optionsFor(document: vscode.TextDocument): ValidationOptions {
    return { provider: this.configuration.validationProvider(document), byteOrderMark: document.encoding === 'utf8bom' };
  }

  private validateSoon(entry: OpenBatchDocument, delayMs: number): void {
    const ticket = this.diagnostics.takeTicket(entry.document.uri);
    entry.schedule(delayMs, () => void this.validate(entry, ticket));
  }

  /** Counts the lines the last edits added, in slices; publishes the totals unless a newer validation started. */
  private async countTokens(entry: OpenBatchDocument, ticket: number): Promise<void> {
    const estimate = entry.estimate;
    if (!estimate || this.reports.get(entry.document.uri.toString())?.kind !== 'input') return;
    while (!estimate.countPending(LINES_PER_SLICE)) {
      await yieldToEventLoop();
      if (!this.diagnostics.isCurrent(entry.document.uri, ticket) || entry.estimate !== estimate) return;
    }
    this.estimates.set(entry.document.uri.toString(), estimate.fileTokens());
    this.estimateEmitter.fire(entry.document);
  }

  private async validate(entry: OpenBatchDocument, ticket: number): Promise<void> {
    const { document } = entry;
    try {
      const validator = await entry.whenCurrent();
      if (!this.diagnostics.isCurrent(document.uri, ticket)) return;
      const report = validator.getReport();
      const diagnostics = report.diagnostics.map((finding) => toDiagnostic(document.uri, finding));
      if (!this.diagnostics.publish(document.uri, ticket, diagnostics)) return;
      this.reports.set(document.uri.toString(), report);
      this.reportEmitter.fire(document);
      await this.countTokens(entry, ticket);
    } catch (error) {
      this.log.error(`Validating ${document.uri.toString(true)} failed`, error);
    }
  }
}

/** Lines counted between two yields to the event loop: a few milliseconds of tokenizing. */
const LINES_PER_SLICE = 200;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Starts live validation of open batch documents; the returned service answers other features' lookups. */
export function registerOpenBatchDocumentValidation(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  diagnostics: BatchDiagnostics,
  log: vscode.LogOutputChannel,
): OpenBatchDocumentValidation {
  const validation = new OpenBatchDocumentValidation(configuration, diagnostics, log);
  context.subscriptions.push(validation);
  return validation;
}
