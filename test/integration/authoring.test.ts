import * as assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { GenerateResult } from '../../src/extension/authoring/generateBatchFile';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';

function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...segments);
}

/** Resolves with the job once the store holds it in a state that satisfies `predicate`. */
async function jobState(api: SubmitTestHooks, job: Job, predicate: (job: Job) => boolean): Promise<Job> {
  const matching = (jobs: Job[]) => jobs.find((candidate) => candidate.id === job.id && predicate(candidate));
  const changed = waitForEvent(((listener: (change: JobStoreChange) => void) => api.jobStore.onDidChange(listener)) as vscode.Event<JobStoreChange>, (change) => matching(change.changed) !== undefined);
  const current = api.jobStore.get(job.profile, job.id);
  if (current && predicate(current)) return current;
  return matching((await changed).changed)!;
}

suite('batches authored from data', () => {
  const template = () => workspaceUri('examples', 'review-sentiment.batch-template.json');
  let api: SubmitTestHooks;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    await api.profiles.select('Emulator (local, no key)');
  });

  test('the preview beside the template shows its first requests and follows an unsaved edit', async () => {
    const editor = await vscode.window.showTextDocument(template());
    const previewUri = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.previewBatchTemplate', template());
    const preview = await vscode.workspace.openTextDocument(previewUri);
    const first = preview.getText().split('\n');
    assert.equal(first.length, 10, 'a preview shows the first 10 rows only');
    assert.equal(JSON.parse(first[0]).custom_id, 'review-r01');

    const edited = waitForEvent(vscode.workspace.onDidChangeTextDocument, ({ document }) => document.uri.toString() === previewUri.toString() && document.getText().includes('Sort the product review'));
    const offset = editor.document.getText().indexOf('Classify the product review');
    await editor.edit((edit) => edit.replace(new vscode.Range(editor.document.positionAt(offset), editor.document.positionAt(offset + 'Classify'.length)), 'Sort'));
    await edited;
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  test('generate from the example template, submit to the emulator, export the results with the data: one row per dataset row', async () => {
    const generated = await vscode.commands.executeCommand<GenerateResult>('batchStudio.generateBatchFile', template());
    assert.equal(generated.outcome, 'generated', JSON.stringify(generated));
    const { report } = generated as Extract<GenerateResult, { outcome: 'generated' }>;
    assert.deepEqual([report.rows, report.requests, report.problemRows], [12, 12, 0]);
    const batch = workspaceUri('examples', 'review-sentiment.batch.jsonl');
    assert.equal(report.outputPath, batch.fsPath);

    const submitted = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri: batch, answers: {} });
    assert.equal(submitted.outcome, 'submitted', JSON.stringify(submitted));
    const job = await jobState(api, (submitted as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs[0], (candidate) => candidate.status === 'completed');

    const target = workspaceUri('examples', 'review-sentiment.with-results.csv');
    const exported = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.exportResultsWithData', job, { format: 'csv', target });
    assert.equal(exported?.fsPath, target.fsPath);
    const rows = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(target)), { columns: true }) as Array<Record<string, string>>;
    const dataset = parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', 'reviews.csv'))), { columns: true }) as Array<Record<string, string>>;
    assert.equal(rows.length, 12);
    rows.forEach((row, index) => {
      assert.equal(row.id, dataset[index].id);
      assert.equal(row.text, dataset[index].text, 'the dataset\'s own columns come back as they were');
      assert.equal(row.custom_id, `review-${dataset[index].id}`);
      assert.equal(row.status, 'succeeded');
      assert.ok(row.answer.length > 0, `row ${index + 1} has its answer`);
      assert.ok(Number(row.total_tokens) > 0);
    });
  });

  test('a template whose dataset lacks a column says so on the template', async () => {
    const broken = workspaceUri('authoring', 'broken.batch-template.json');
    await vscode.workspace.fs.writeFile(workspaceUri('authoring', 'rows.csv'), new TextEncoder().encode('id,text\n1,a\n'));
    await vscode.workspace.fs.writeFile(broken, new TextEncoder().encode(JSON.stringify({ data: 'rows.csv', url: '/v1/chat/completions', custom_id: '{{id}}', body: { model: 'm', messages: [{ role: 'user', content: '{{comment}}' }] } })));
    const diagnosed = waitForEvent(vscode.languages.onDidChangeDiagnostics, () => vscode.languages.getDiagnostics(broken).some((diagnostic) => diagnostic.source === 'Batch Studio'));
    await vscode.commands.executeCommand('batchStudio.previewBatchTemplate', broken);
    await diagnosed;
    const [problem] = vscode.languages.getDiagnostics(broken).filter((diagnostic) => diagnostic.source === 'Batch Studio');
    assert.match(problem.message, /no column "comment" \(its columns: id, text\)/);
  });
});
