import * as vscode from 'vscode';
import { looksLikeBatchFirstLine } from '../core/batchLanguage';
import { BATCH_LANGUAGE_ID } from './validation/batchLanguage';

/**
 * Gives `.jsonl` files whose first line is a batch request the `batch-jsonl` language. A document the
 * user turned back into plain `jsonl` stays that way: we promote each document once.
 */
export function registerBatchLanguageDetection(context: vscode.ExtensionContext): void {
  const promoted = new Set<string>();
  const promote = (document: vscode.TextDocument) => {
    if (document.languageId !== 'jsonl' || document.lineCount === 0) return;
    const key = document.uri.toString();
    if (promoted.has(key) || !looksLikeBatchFirstLine(document.lineAt(0).text)) return;
    promoted.add(key);
    void vscode.languages.setTextDocumentLanguage(document, BATCH_LANGUAGE_ID);
  };
  vscode.workspace.textDocuments.forEach(promote);
  context.subscriptions.push(vscode.workspace.onDidOpenTextDocument(promote));
}
