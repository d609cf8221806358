import * as vscode from 'vscode';
import { TEMPLATE_SUFFIX } from '../../core/authoring';

/** Template files on disk, whatever language mode VS Code gave them. */
export const TEMPLATE_DOCUMENT_SELECTOR: vscode.DocumentSelector = { scheme: 'file', pattern: `**/*${TEMPLATE_SUFFIX}` };

export function isTemplateDocument(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && document.uri.fsPath.endsWith(TEMPLATE_SUFFIX);
}

/** The template a command acts on: a URI argument, else the active editor's template. */
export async function templateDocumentFor(argument: unknown): Promise<vscode.TextDocument | undefined> {
  const uri = argument instanceof vscode.Uri ? argument : typeof argument === 'string' ? vscode.Uri.file(argument) : vscode.window.activeTextEditor?.document.uri;
  if (!uri || !uri.fsPath.endsWith(TEMPLATE_SUFFIX)) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a batch template (*{0}) first: it names the dataset and the request to fill for each row.', TEMPLATE_SUFFIX));
    return undefined;
  }
  return vscode.workspace.openTextDocument(uri);
}
