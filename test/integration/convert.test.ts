import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { ConversionResult } from '../../src/core/convert';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';

suite('Convert Batch File to…', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('writes the Anthropic file beside the input, opens it, and lists what could not be carried over on its lines', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const input = vscode.Uri.joinPath(folder, 'convert', `chat-${randomUUID().slice(0, 8)}.batch.jsonl`);
    const lines = [
      { custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Be terse.' }, { role: 'user', content: 'Hi' }], max_tokens: 20 } },
      { custom_id: 'b', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Bye' }], max_tokens: 20, logprobs: true } },
    ];
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(lines.map((line) => JSON.stringify(line)).join('\n') + '\n'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(input));

    const result = await vscode.commands.executeCommand<ConversionResult>('batchStudio.convertBatchFile', input, { target: 'anthropic', model: 'claude-haiku-4-5' });
    assert.equal(result.converted, 2);
    const converted = vscode.Uri.file(result.outPath);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), converted.toString(), 'the new file is shown');
    assert.ok(result.outPath.endsWith('.anthropic.batch.jsonl'));
    const first = JSON.parse(vscode.window.activeTextEditor!.document.lineAt(0).text) as { params: { system: string; max_tokens: number } };
    assert.deepEqual([first.params.system, first.params.max_tokens], ['Be terse.', 20]);

    const notes = vscode.languages.getDiagnostics(converted).filter((diagnostic) => diagnostic.source === 'Batch Studio convert');
    assert.deepEqual(notes.map((diagnostic) => [diagnostic.range.start.line, diagnostic.message, diagnostic.severity]), [
      [1, 'body.logprobs is not carried over: the target API has no such parameter', vscode.DiagnosticSeverity.Warning],
    ]);
  });
});
