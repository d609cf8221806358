import * as vscode from 'vscode';

/** Resolves with the first value `event` fires that satisfies `predicate` (no timers: mocha times out). */
export function waitForEvent<T>(event: vscode.Event<T>, predicate: (value: T) => boolean = () => true): Promise<T> {
  return new Promise((resolve) => {
    const subscription = event((value) => {
      if (predicate(value)) {
        subscription.dispose();
        resolve(value);
      }
    });
  });
}

/** Opens a file and resolves once VS Code has given it `languageId` (at once if it already has it). */
export async function openWithLanguage(file: string, languageId: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.file(file);
  const reopened = waitForEvent(
    vscode.workspace.onDidOpenTextDocument,
    (document) => document.uri.toString() === uri.toString() && document.languageId === languageId,
  );
  const document = await vscode.workspace.openTextDocument(uri);
  return document.languageId === languageId ? document : reopened;
}
