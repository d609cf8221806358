import type * as vscode from 'vscode';

/** The language id of batch input and output JSONL files (contributed in package.json). */
export const BATCH_LANGUAGE_ID = 'batch-jsonl';

export const BATCH_DOCUMENT_SELECTOR: vscode.DocumentSelector = { language: BATCH_LANGUAGE_ID };

export function isBatchDocument(document: vscode.TextDocument): boolean {
  return document.languageId === BATCH_LANGUAGE_ID;
}
