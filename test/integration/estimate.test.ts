import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';

async function openCopy(name: string): Promise<vscode.TextDocument> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  const source = vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'estimate-ext', name);
  const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'estimate-ext', name);
  await vscode.workspace.fs.copy(source, target, { overwrite: true });
  const document = await vscode.workspace.openTextDocument(target);
  await vscode.window.showTextDocument(document);
  return document;
}

function contextErrors(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'context_length_exceeded');
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers.flatMap((hover) => hover.contents).map((content) => (typeof content === 'string' ? content : content.value)).join('\n');
}

/** Resolves once the hover at `position` satisfies `predicate`, re-asking after each diagnostics change. */
async function hoverWhere(document: vscode.TextDocument, position: vscode.Position, predicate: (text: string) => boolean): Promise<string> {
  for (;;) {
    const changed = waitForEvent(vscode.languages.onDidChangeDiagnostics, (event) => event.uris.some((uri) => uri.toString() === document.uri.toString()));
    const text = await hoverText(document, position);
    if (predicate(text)) return text;
    await changed;
  }
}

suite('token estimate in the editor', () => {
  test('reports context_length_exceeded on the line whose input plus max_tokens is over the window', async () => {
    const document = await openCopy('tokens.batch.jsonl');
    if (contextErrors(document.uri).length === 0) {
      await waitForEvent(vscode.languages.onDidChangeDiagnostics, () => contextErrors(document.uri).length > 0);
    }
    const [error] = contextErrors(document.uri);
    assert.equal(error.range.start.line, 1);
    assert.equal(error.severity, vscode.DiagnosticSeverity.Error);
    assert.match(error.message, /over gpt-4's context window of 8,192 tokens: lower max_tokens/);
  });

  test("a hover on a request shows its tokens as the API counts them, and follows an edit of that line", async () => {
    const document = await openCopy('tokens.batch.jsonl');
    const inMessages = new vscode.Position(0, document.lineAt(0).text.indexOf('corporate jargon'));
    // The cookbook's example request: OpenAI reported 124 prompt tokens for it on gpt-4o-mini.
    assert.match(await hoverWhere(document, inMessages, (text) => text.includes('Tokens')), /\*\*Tokens\*\* 124 input \(exact\) · at most 100 output/);
    const maxTokens = document.lineAt(0).text.indexOf('"max_tokens":100') + '"max_tokens":'.length;
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(0, maxTokens, 0, maxTokens + 3), '50');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(await hoverWhere(document, inMessages, (text) => text.includes('at most 50 output')), /124 input \(exact\) · at most 50 output/);
  });
});
