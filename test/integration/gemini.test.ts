import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';

interface ShownResults {
  input: vscode.TextEditor;
  results: vscode.TextEditor;
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Resolves with the job once the store holds it finished. */
async function finished(store: SubmitTestHooks['jobStore'], job: Job): Promise<Job> {
  const done = (candidate: Job | undefined) => candidate !== undefined && candidate.id === job.id && ['completed', 'failed', 'expired', 'cancelled'].includes(candidate.status);
  const changes = (listener: (change: JobStoreChange) => void) => store.onDidChange(listener);
  const changed = waitForEvent(changes as vscode.Event<JobStoreChange>, (change) => change.changed.some(done));
  const current = store.get(job.profile, job.id);
  if (done(current)) return current!;
  return (await changed).changed.find(done)!;
}

suite('Gemini Batch Mode end to end through the emulator', () => {
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a Gemini example validates clean, goes to the Gemini emulator, and its results open beside it, line for line', async function () {
    this.timeout(180_000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    await api.profiles.select('Emulator (local, no key)');
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const example = await readText(vscode.Uri.joinPath(folder, 'examples', 'gemini-study-questions.batch.jsonl'));
    // A fresh key prefix: the same content is never submitted twice.
    const tag = randomUUID().slice(0, 8);
    const input = vscode.Uri.joinPath(folder, 'gemini', `questions-${tag}.batch.jsonl`);
    await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(example.replaceAll('"key": "', `"key": "${tag}-`)));

    const document = await vscode.workspace.openTextDocument(input);
    assert.equal(document.languageId, 'batch-jsonl');
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });

    const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri: input, answers: {} });
    assert.equal(result.outcome, 'submitted', JSON.stringify(result));
    const [created] = (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs;
    assert.equal(created.profile, 'Emulator: Gemini (local, no key)', 'the built-in emulator takes a Gemini file to its Gemini API');
    assert.match(created.id, /^batches\//);
    assert.equal(vscode.languages.getDiagnostics(input).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0);

    const job = await finished(api.jobStore, created);
    assert.equal(job.status, 'completed');
    assert.deepEqual(job.requestCounts, { total: 5, completed: 5, failed: 0 });
    assert.equal(job.model, 'gemini-2.5-flash');

    const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResults', job);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), input.toString(), 'the input keeps the focus');
    const results = shown.results.document;
    assert.equal(results.lineCount, shown.input.document.lineCount);
    const questions = ['Explain photosynthesis to a twelve-year-old.', 'Why does the sea have tides?', 'How does a vaccine teach the immune system?', 'What is inflation in economics?', 'What moves the continents?'];
    questions.forEach((question, line) => assert.ok(results.lineAt(line).text.includes(question), `results line ${line + 1} answers its own request: ${results.lineAt(line).text}`));

    const summary = await vscode.commands.executeCommand<vscode.TextDocument>('batchStudio.showResultsSummary', job);
    assert.match(summary.getText(), /gemini-2\.5-flash/);
    assert.match(summary.getText(), /Gemini Batch Mode: 50% off/);
  });
});
