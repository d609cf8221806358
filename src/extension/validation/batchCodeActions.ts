import * as vscode from 'vscode';
import { DiagnosticCodes, type BatchDocumentValidator } from '../../core/validation';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';
import { BATCH_DOCUMENT_SELECTOR } from './batchLanguage';
import { batchDiagnosticCode } from './diagnosticConversion';
import { QUICK_FIX_KINDS, fixAllEdits, type FixContext, type QuickFixKind } from './quickFixEdits';
import { INTERNAL_COMMANDS } from '../../core/contributionIds';

/** "Fix all of this kind": its edits (one per line, possibly thousands) are computed only when chosen. */
class FixAllCodeAction extends vscode.CodeAction {
  constructor(
    readonly document: vscode.TextDocument,
    readonly fixKind: QuickFixKind,
    lineCount: number,
    diagnostics: vscode.Diagnostic[],
  ) {
    super(`${fixKind.fixAllTitle} (${lineCount})`, vscode.CodeActionKind.QuickFix);
    this.diagnostics = diagnostics;
  }
}

/**
 * Quick fixes for Batch Studio diagnostics: one per diagnostic under the cursor, plus a "fix all of this
 * kind in the file" when the file has more than one. Edits replace exactly the spans the core reports for
 * the document as it is now (the validator is brought up to date first).
 */
class BatchQuickFixProvider implements vscode.CodeActionProvider<vscode.CodeAction> {
  constructor(private readonly validation: OpenBatchDocumentValidation) {}

  resolveCodeAction(action: vscode.CodeAction): vscode.CodeAction {
    if (!(action instanceof FixAllCodeAction)) return action;
    const validator = this.validation.validatorFor(action.document);
    if (!validator) return action;
    const lines = validator
      .getReport()
      .diagnostics.filter((finding) => action.fixKind.codes.includes(finding.code))
      .map((finding) => finding.line);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(action.document.uri, fixAllEdits(action.fixKind, this.fixContext(action.document, validator), lines));
    return action;
  }

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const ours = context.diagnostics.filter((diagnostic) => batchDiagnosticCode(diagnostic) !== undefined);
    if (ours.length === 0) return [];
    const validator = this.validation.validatorFor(document);
    if (!validator) return [];
    const report = validator.getReport();
    const actions: vscode.CodeAction[] = [];
    const offeredFixAll = new Set<QuickFixKind>();
    for (const diagnostic of ours) {
      const code = batchDiagnosticCode(diagnostic)!;
      if (code === DiagnosticCodes.utf8Bom) {
        const action = this.removeByteOrderMark(document, diagnostic);
        if (action) actions.push(action);
        continue;
      }
      // Several kinds may fix one code (repair a JSON slip, else delete the line): the first that applies is preferred.
      let preferred = true;
      for (const kind of QUICK_FIX_KINDS.filter((candidate) => candidate.codes.includes(code))) {
        const single = kind.fix(this.fixContext(document, validator), diagnostic.range.start.line);
        if (!single) continue;
        actions.push(this.action(single.title, document, [single.edit], [diagnostic], preferred));
        preferred = false;

        if (offeredFixAll.has(kind)) continue;
        offeredFixAll.add(kind);
        const lines = new Set(report.diagnostics.filter((finding) => kind.codes.includes(finding.code)).map((finding) => finding.line));
        if (lines.size < 2) continue;
        const related = ours.filter((other) => kind.codes.includes(batchDiagnosticCode(other)!));
        actions.push(new FixAllCodeAction(document, kind, lines.size, related));
      }
    }
    return actions;
  }

  private fixContext(document: vscode.TextDocument, validator: BatchDocumentValidator): FixContext {
    return { validator, provider: this.validation.providerFor(document), document, assignedIds: new Set<string>() };
  }

  private action(
    title: string,
    document: vscode.TextDocument,
    edits: vscode.TextEdit[],
    diagnostics: vscode.Diagnostic[],
    isPreferred: boolean,
  ): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.set(document.uri, edits);
    action.diagnostics = diagnostics;
    action.isPreferred = isPreferred;
    return action;
  }

  /** A BOM pasted into the text is deleted; one VS Code holds as the file's encoding is re-saved away. */
  private removeByteOrderMark(document: vscode.TextDocument, diagnostic: vscode.Diagnostic): vscode.CodeAction | undefined {
    const title = vscode.l10n.t('Remove the byte-order mark');
    if (document.lineAt(0).text.startsWith('\uFEFF')) {
      return this.action(title, document, [vscode.TextEdit.delete(new vscode.Range(0, 0, 0, 1))], [diagnostic], true);
    }
    if (document.uri.scheme !== 'file') return undefined;
    const action = new vscode.CodeAction(vscode.l10n.t('{0} (saves the file as UTF-8)', title), vscode.CodeActionKind.QuickFix);
    action.command = { title, command: INTERNAL_COMMANDS.removeByteOrderMark, arguments: [document.uri] };
    action.diagnostics = [diagnostic];
    action.isPreferred = true;
    return action;
  }
}

export function registerBatchQuickFixes(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation): void {
  context.subscriptions.push(
    vscode.languages.registerCodeActionsProvider(BATCH_DOCUMENT_SELECTOR, new BatchQuickFixProvider(validation), {
      providedCodeActionKinds: [vscode.CodeActionKind.QuickFix],
    }),
  );
}
