import * as vscode from 'vscode';
import { BATCH_DOCUMENT_SELECTOR } from '../validation/batchLanguage';
import type { ProfileCatalog } from '../profiles/profileCatalog';
import type { OpenBatchDocumentValidation } from '../validation/openBatchDocumentValidation';
import { fixErrorsLensTitle, isResultsLine, submitLensTitle } from '../../core/submit/submitText';
import { COMMANDS } from '../../core/contributionIds';

/** Request lines of a document validation has not reported on yet: its non-blank lines. */
function countRequestLines(document: vscode.TextDocument): number {
  let count = 0;
  for (let line = 0; line < document.lineCount; line++) {
    if (!document.lineAt(line).isEmptyOrWhitespace) count++;
  }
  return count;
}

/**
 * "▶ Submit to <profile> · N requests" on line 1 of a request file (not a results file). In an untrusted
 * workspace the lens says why submitting is off and opens the trust editor instead.
 */
class SubmitCodeLensProvider implements vscode.CodeLensProvider {
  private readonly changeEmitter = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  constructor(
    private readonly profiles: ProfileCatalog,
    private readonly validation: OpenBatchDocumentValidation,
  ) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file' || document.lineCount === 0 || isResultsLine(document.lineAt(0).text)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (!vscode.workspace.isTrusted) {
      return [new vscode.CodeLens(top, { title: `$(workspace-untrusted) ${vscode.l10n.t('Submitting needs a trusted workspace')}`, command: 'workbench.trust.manage' })];
    }
    const report = this.validation.reportFor(document);
    const errors = report?.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length ?? 0;
    if (errors > 0) {
      return [new vscode.CodeLens(top, { title: fixErrorsLensTitle(errors), tooltip: vscode.l10n.t('Submitting is refused while the file has errors: open Problems to fix them'), command: 'workbench.actions.view.problems' })];
    }
    const profile = this.profiles.active();
    return [
      new vscode.CodeLens(top, {
        // The validator's report already counts the requests: no pass over 50,000 lines per refresh.
        title: submitLensTitle(profile.name, report?.requests ?? countRequestLines(document), profile.kind === 'direct'),
        tooltip:
          profile.kind === 'direct'
            ? vscode.l10n.t('Validate, confirm and run this file, as saved on disk, on "{0}": one request per line from this machine, resumable', profile.name)
            : vscode.l10n.t('Validate, confirm and submit this file, as saved on disk, to "{0}"', profile.name),
        command: COMMANDS.submit,
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export function registerSubmitCodeLens(context: vscode.ExtensionContext, profiles: ProfileCatalog, validation: OpenBatchDocumentValidation): void {
  const provider = new SubmitCodeLensProvider(profiles, validation);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(BATCH_DOCUMENT_SELECTOR, provider),
    profiles.onDidChange(() => provider.refresh()),
    validation.onDidChangeReport(() => provider.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => provider.refresh()),
  );
}
