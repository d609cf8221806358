import * as vscode from 'vscode';
import { TEMPLATE_DOCUMENT_SELECTOR } from './templateDocuments';
import { COMMANDS } from '../../core/contributionIds';

/** "Generate Batch File" and "Preview" on the first line of a template. */
class TemplateCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: `$(play) ${vscode.l10n.t('Generate Batch File')}`, tooltip: vscode.l10n.t('Fill this template for every row of its dataset, into <name>.batch.jsonl'), command: COMMANDS.generateBatchFile, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: `$(open-preview) ${vscode.l10n.t('Preview')}`, tooltip: vscode.l10n.t('The first requests, beside this template, updated as you edit'), command: COMMANDS.previewBatchTemplate, arguments: [document.uri] }),
    ];
  }
}

export function registerTemplateCodeLens(): vscode.Disposable {
  return vscode.languages.registerCodeLensProvider(TEMPLATE_DOCUMENT_SELECTOR, new TemplateCodeLensProvider());
}
