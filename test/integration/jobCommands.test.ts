import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import { COMMANDS } from '../../src/core/contributionIds';
import { EMULATOR, describeJob, freshBatchFile, hooks, jobState, submit, type TestHooks } from './jobSupport';
import { waitForEvent } from './waitFor';

const isFinished = (job: Job) => ['completed', 'failed', 'expired', 'cancelled'].includes(job.status);

/** Every test starts from the emulator profile and sets up its own jobs: none depends on another's. */
suite('job commands: each contributed command on a real job', () => {
  let api: TestHooks;

  setup(async () => {
    api = await hooks();
    await api.profiles.select(EMULATOR);
    (await api.emulator.start()).faults.set({});
  });

  teardown(async () => {
    (await api.emulator.start()).faults.set({});
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Remove from List drops a job, and Import Batches brings back what the provider still knows', async () => {
    const job = await jobState(api, await submit(await freshBatchFile('import')), isFinished);
    await vscode.commands.executeCommand(COMMANDS.removeJob, job);
    assert.equal(api.jobStore.get(job.profile, job.id), undefined, 'removed from the list');
    await vscode.commands.executeCommand(COMMANDS.importBatches, EMULATOR);
    const imported = api.jobStore.get(EMULATOR, job.id);
    assert.ok(imported, 'imported again from the provider');
    assert.equal(imported.status, job.status);
  });

  test('Download Result Files, Show Errors and Open Input on a job with failed requests', async () => {
    (await api.emulator.start()).faults.set({ failRate: 0.5 });
    const job = await jobState(api, await submit(await freshBatchFile('failures')), isFinished);
    assert.ok(job.errorFileId, `some requests failed: ${describeJob(job)}`);

    await vscode.commands.executeCommand(COMMANDS.downloadJobFiles, job);
    assert.match(vscode.window.activeTextEditor?.document.uri.fsPath ?? '', /\.results\.jsonl$/, 'the output file is shown');

    const shown = await vscode.commands.executeCommand<{ input: vscode.TextEditor; results: vscode.TextEditor } | undefined>(COMMANDS.showJobErrors, job);
    assert.equal(shown?.results.document.uri.scheme, 'batch-results', 'the failures are shown beside the input');
    const firstFailure = shown.input.selection.active.line;
    assert.match(shown.results.document.lineAt(firstFailure).text, /^\[failed/, 'the first failure is selected');

    await vscode.commands.executeCommand(COMMANDS.openJobInput, job);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, job.sourceFile);
  });

  test('Show Errors on a batch the provider failed lists its validation errors under the job', async () => {
    (await api.emulator.start()).faults.failNextBatch('fail_validation');
    const job = await jobState(api, await submit(await freshBatchFile('invalid')), isFinished);
    assert.equal(job.status, 'failed');
    await vscode.commands.executeCommand(COMMANDS.showJobErrors, job);
    const [profileNode] = (await api.jobsTree.getChildren()) as unknown[];
    const jobNodes = (await api.jobsTree.getChildren(profileNode)) as unknown[];
    const items = await Promise.all(jobNodes.map(async (node) => ({ node, item: await api.jobsTree.getTreeItem(node) })));
    const jobNode = items.find(({ item }) => item.id?.endsWith(job.id))?.node;
    assert.ok(jobNode, 'the job has a row');
    const children = await Promise.all(((await api.jobsTree.getChildren(jobNode)) as unknown[]).map((node) => api.jobsTree.getTreeItem(node)));
    assert.ok(children.some((child) => String(child.label).includes('Emulated validation failure') || String(child.description).includes('invalid_request')), JSON.stringify(children.map((child) => child.label)));
  });

  test('Open Results Beside Input on an input whose latest job has results opens those, with no file picker', async () => {
    const job = await jobState(api, await submit(await freshBatchFile('beside')), isFinished);
    await vscode.window.showTextDocument(vscode.Uri.file(job.sourceFile!));
    const shown = await vscode.commands.executeCommand<{ results: vscode.TextEditor } | undefined>(COMMANDS.openResultsBesideInput);
    assert.equal(shown?.results.document.uri.scheme, 'batch-results');
    assert.ok(shown.results.document.lineCount > 1);
  });

  test('Copy Batch ID puts the id on the clipboard', async () => {
    const job = await submit(await freshBatchFile('copy'));
    await vscode.commands.executeCommand(COMMANDS.copyBatchId, job);
    assert.equal(await vscode.env.clipboard.readText(), job.id);
  });

  test('Clear API Key removes the stored key of the active profile', async () => {
    const profile = api.profiles.active();
    await api.keys.store(profile, 'sk-test-to-be-cleared');
    assert.equal((await api.keys.resolve(profile)).source.kind, 'stored');
    await vscode.commands.executeCommand(COMMANDS.clearApiKey);
    assert.notEqual((await api.keys.resolve(profile)).source.kind, 'stored');
  });

  test('a refused key stops polling a profile; Refresh tries again, and storing a key resumes it to the end', async () => {
    const emulator = await api.emulator.start();
    const settings = vscode.workspace.getConfiguration('batchStudio');
    const name = 'Keyless (test)';
    const listed = waitForEvent(api.profiles.onDidChange, () => api.profiles.get(name) !== undefined, { what: `profile "${name}" listed` });
    await settings.update('profiles', [{ name, kind: 'openai', baseUrl: emulator.baseUrl }], vscode.ConfigurationTarget.Global);
    if (!api.profiles.get(name)) await listed;
    const profile = api.profiles.get(name)!;
    try {
      // A finished batch of the emulator, known under the keyless profile as still running.
      const remote = await jobState(api, await submit(await freshBatchFile('keyless')), isFinished);
      const stale: Job = { ...remote, profile: name, status: 'in_progress', outputFileId: undefined, errorFileId: undefined };
      const stopsFor = (what: string) => waitForEvent(api.pollers.onDidStopForKey, (stopped) => stopped === name, { what, lastState: () => describeJob(api.jobStore.get(name, remote.id)) });

      let stopped = stopsFor('polling stopping for the missing key');
      await api.jobStore.upsert(stale);
      await stopped;
      assert.equal(api.jobStore.get(name, remote.id)?.status, 'in_progress');

      stopped = stopsFor('Refresh polling the stopped profile again');
      await vscode.commands.executeCommand(COMMANDS.refreshJobs);
      await stopped;

      const polled = jobState(api, stale, (job) => job.status === remote.status);
      await api.keys.store(profile, 'sk-test-accepted-by-the-emulator');
      assert.equal((await polled).status, remote.status);
    } finally {
      for (const job of api.jobStore.all().filter((candidate) => candidate.profile === name)) await api.jobStore.remove(job);
      await api.keys.clear(profile);
      await settings.update('profiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });
});
