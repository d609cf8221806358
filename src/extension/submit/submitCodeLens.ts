import * as vscode from 'vscode';
import { BATCH_DOCUMENT_SELECTOR } from '../validation/batchLanguage';
import type { ProfileCatalog } from '../profiles/profileCatalog';
import { isResultsLine, submitLensTitle } from './submitText';

/** Request lines of an open document: its non-blank lines (no parsing; validation counts precisely). */
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

  constructor(private readonly profiles: ProfileCatalog) {}

  refresh(): void {
    this.changeEmitter.fire();
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.uri.scheme !== 'file' || document.lineCount === 0 || isResultsLine(document.lineAt(0).text)) return [];
    const top = new vscode.Range(0, 0, 0, 0);
    if (!vscode.workspace.isTrusted) {
      return [new vscode.CodeLens(top, { title: '$(workspace-untrusted) Submitting needs a trusted workspace', command: 'workbench.trust.manage' })];
    }
    const profile = this.profiles.active();
    return [
      new vscode.CodeLens(top, {
        title: submitLensTitle(profile.name, countRequestLines(document)),
        tooltip: `Validate, confirm and submit this file, as saved on disk, to "${profile.name}"`,
        command: 'batchStudio.submit',
        arguments: [document.uri],
      }),
    ];
  }

  dispose(): void {
    this.changeEmitter.dispose();
  }
}

export function registerSubmitCodeLens(context: vscode.ExtensionContext, profiles: ProfileCatalog): void {
  const provider = new SubmitCodeLensProvider(profiles);
  context.subscriptions.push(
    provider,
    vscode.languages.registerCodeLensProvider(BATCH_DOCUMENT_SELECTOR, provider),
    profiles.onDidChange(() => provider.refresh()),
    vscode.workspace.onDidGrantWorkspaceTrust(() => provider.refresh()),
  );
}
