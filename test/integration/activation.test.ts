import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { openWithLanguage } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
const repoRoot = path.resolve(__dirname, '../../..');

suite('activation and language', () => {
  test('stays inactive until a batch file opens, then activates on the batch-jsonl language', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is installed`);
    assert.ok(!extension.packageJSON.activationEvents.includes('*'), 'never activates on *');
    assert.equal(extension.isActive, false, 'not active before any batch file is open');
    const workspace = vscode.workspace.workspaceFolders![0].uri;
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspace, 'examples', 'summarize-articles.batch.jsonl'));
    await vscode.window.showTextDocument(document);
    assert.equal(document.languageId, 'batch-jsonl');
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  test('a plain .jsonl whose first line is a batch request or result is batch-jsonl', async () => {
    for (const name of ['requests.jsonl', 'results.jsonl']) {
      const document = await openWithLanguage(path.join(repoRoot, 'test/fixtures/language', name), 'batch-jsonl');
      assert.equal(document.languageId, 'batch-jsonl', name);
    }
  });

  test('a .jsonl of other data stays jsonl', async () => {
    const other = await vscode.workspace.openTextDocument(path.join(repoRoot, 'test/fixtures/language/events.jsonl'));
    // A batch file opened after it is promoted; by then the other one would have been too.
    await openWithLanguage(path.join(repoRoot, 'test/fixtures/language/requests-2.jsonl'), 'batch-jsonl');
    assert.equal(other.languageId, 'jsonl');
    assert.equal(vscode.workspace.textDocuments.find((d) => d.uri.fsPath === other.uri.fsPath)?.languageId, 'jsonl');
  });

  test('registers the Jobs view and the commands', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['batchStudio.openExample', 'batchStudio.showLog', 'batchStudio.jobs.focus']) {
      assert.ok(commands.includes(id), `command ${id} is registered`);
    }
    await vscode.commands.executeCommand('batchStudio.jobs.focus');
  });

  test('Open Example opens a copy in the workspace as batch-jsonl, never the file in the extension folder', async () => {
    const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'example-copy', 'embed-support-tickets.batch.jsonl');
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('batchStudio.openExample', 'embed-support-tickets.batch.jsonl', target);
    assert.equal(editor.document.uri.toString(), target.toString());
    assert.equal(editor.document.languageId, 'batch-jsonl');
    assert.match(editor.document.lineAt(0).text, /"url":"\/v1\/embeddings"/);
    const extensionFolder = vscode.extensions.getExtension('llm-batch-studio.llm-batch-studio')!.extensionUri.fsPath;
    assert.ok(!editor.document.uri.fsPath.startsWith(extensionFolder), editor.document.uri.fsPath);
  });
});
