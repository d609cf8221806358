import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { estimateBatchFile } from '../../src/core/estimate';
import { isTerminalStatus } from '../../src/core/jobs/job';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
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

suite('submit waits for queue room', () => {
  const PROFILE = 'Tight queue (emulator)';

  teardown(async () => {
    const api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await api.profiles.select('Emulator (local, no key)');
  });

  test('a file over the enqueued-token limit goes as parts that each fit, each sent once the earlier ones have finished', async function () {
    this.timeout(120_000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, 'examples', 'summarize-articles.batch.jsonl')));
    const tag = randomUUID().slice(0, 8);
    const uri = vscode.Uri.joinPath(folder, 'estimate-ext', `queue-${tag}.batch.jsonl`);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`)));
    const { tokens } = await estimateBatchFile(uri.fsPath, { provider: 'openai' });
    const limit = Math.ceil(tokens.inputTokens / 2) + 50;

    const baseUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
    const listed = waitForEvent(api.profiles.onDidChange, () => api.profiles.get(PROFILE) !== undefined);
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', [{ name: PROFILE, kind: 'openai', baseUrl, enqueuedTokenLimit: limit }], vscode.ConfigurationTarget.Global);
    if (!api.profiles.get(PROFILE)) await listed;
    await api.keys.store(api.profiles.get(PROFILE)!, `test-key-${tag}`);
    await api.profiles.select(PROFILE);

    // When each part appears in the JobStore, no earlier part of its group may still hold the queue.
    const heldWhenCreated = new Map<string, number>();
    const subscription = api.jobStore.onDidChange((change) => {
      for (const job of change.changed) {
        if (!job.groupId || heldWhenCreated.has(job.id)) continue;
        const others = api.jobStore.all().filter((other) => other.groupId === job.groupId && other.id !== job.id && !isTerminalStatus(other.status));
        heldWhenCreated.set(job.id, others.reduce((sum, other) => sum + (other.estimatedInputTokens ?? 0), 0));
      }
    });
    const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri, answers: {} });
    subscription.dispose();

    assert.equal(result.outcome, 'submitted', JSON.stringify(result));
    const jobs = result.outcome === 'submitted' ? result.jobs : [];
    assert.ok(jobs.length >= 2, `split into ${jobs.length} parts`);
    for (const job of jobs) {
      assert.ok((job.estimatedInputTokens ?? Infinity) <= limit, `part ${job.id} fits the limit on its own`);
      assert.ok((heldWhenCreated.get(job.id) ?? 0) + (job.estimatedInputTokens ?? 0) <= limit, `part ${job.id} was sent only when the queue had room`);
    }
    assert.equal(jobs.reduce((sum, job) => sum + (job.estimatedInputTokens ?? 0), 0), tokens.inputTokens);
  });
});
