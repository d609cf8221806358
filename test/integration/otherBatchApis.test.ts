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

interface Provider {
  name: string;
  example: string;
  /** The member that names a request (its results are keyed by it). */
  idMember: 'custom_id' | 'key';
  folder: string;
  profile: string;
  batchId: RegExp;
  prompts: string[];
  /** The job's model, where the file names none and the profile decides. */
  model?: string;
  /** What the summary names: the model and the discount. */
  summary: RegExp[];
}

const PROVIDERS: Provider[] = [
  {
    name: 'Anthropic Message Batches',
    example: 'claude-translate-phrases.batch.jsonl',
    idMember: 'custom_id',
    folder: 'anthropic',
    profile: 'Emulator: Anthropic (local, no key)',
    batchId: /^msgbatch_/,
    prompts: ['Where is the train station?', 'Could I have the bill, please?', 'The meeting moved to Thursday morning.', 'Please keep the receipt for your records.', 'How long does the delivery take?'],
    summary: [/claude-haiku-4-5/, /Anthropic Message Batches: 50% off/],
  },
  {
    name: 'Gemini Batch Mode',
    example: 'gemini-study-questions.batch.jsonl',
    idMember: 'key',
    folder: 'gemini',
    profile: 'Emulator: Gemini (local, no key)',
    batchId: /^batches\//,
    model: 'gemini-2.5-flash',
    prompts: ['Explain photosynthesis to a twelve-year-old.', 'Why does the sea have tides?', 'How does a vaccine teach the immune system?', 'What is inflation in economics?', 'What moves the continents?'],
    summary: [/gemini-2\.5-flash/, /Gemini Batch Mode: 50% off/],
  },
];

for (const provider of PROVIDERS) {
  suite(`${provider.name} end to end through the emulator`, () => {
    suiteTeardown(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    test('its example validates clean, goes to its emulator API, and its results open beside it, line for line', async function () {
      this.timeout(180_000);
      await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
      const api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
      await api.profiles.select('Emulator (local, no key)');
      const folder = vscode.workspace.workspaceFolders![0].uri;
      const example = await readText(vscode.Uri.joinPath(folder, 'examples', provider.example));
      // A fresh id prefix: the same content is never submitted twice.
      const tag = randomUUID().slice(0, 8);
      const input = vscode.Uri.joinPath(folder, provider.folder, `${tag}-${provider.example}`);
      await vscode.workspace.fs.writeFile(input, new TextEncoder().encode(example.replaceAll(`"${provider.idMember}": "`, `"${provider.idMember}": "${tag}-`)));

      const document = await vscode.workspace.openTextDocument(input);
      assert.equal(document.languageId, 'batch-jsonl');
      await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One });

      const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri: input, answers: {} });
      assert.equal(result.outcome, 'submitted', JSON.stringify(result));
      const [created] = (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs;
      assert.equal(created.profile, provider.profile, 'the built-in emulator takes the file to the API of its format');
      assert.match(created.id, provider.batchId);
      assert.equal(vscode.languages.getDiagnostics(input).filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length, 0);

      const job = await finished(api.jobStore, created);
      assert.equal(job.status, 'completed');
      assert.deepEqual(job.requestCounts, { total: 5, completed: 5, failed: 0 });
      if (provider.model) assert.equal(job.model, provider.model);

      const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResults', job);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), input.toString(), 'the input keeps the focus');
      const results = shown.results.document;
      assert.equal(results.lineCount, shown.input.document.lineCount);
      provider.prompts.forEach((prompt, line) => assert.ok(results.lineAt(line).text.includes(prompt), `results line ${line + 1} answers its own request: ${results.lineAt(line).text}`));

      const summary = await vscode.commands.executeCommand<vscode.TextDocument>('batchStudio.showResultsSummary', job);
      for (const named of provider.summary) assert.match(summary.getText(), named);
    });
  });
}
