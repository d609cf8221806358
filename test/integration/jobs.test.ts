import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import { JobStore } from '../../src/core/jobs/jobStore';
import { GlobalStateJobStorage } from '../../src/extension/jobs/globalStateJobStorage';
import { EMULATOR, freshBatchFile, hooks, jobRow, jobState, rowMenuCommands, submit, workspaceUri, type TestHooks } from './jobSupport';

suite('jobs view and polling', () => {
  let api: TestHooks;

  suiteSetup(async () => {
    api = await hooks();
    await api.profiles.select(EMULATOR);
  });

  test('a submitted job shows in the tree under its profile and is polled to completed', async () => {
    const job = await submit(await freshBatchFile('completes'));
    const completed = await jobState(api, job, (candidate) => candidate.status === 'completed');
    assert.equal(completed.requestCounts.completed, 15);
    assert.ok(completed.outputFileId, 'the completed job names its output file');

    const [profileNode] = (await api.jobsTree.getChildren()) as unknown[];
    const profileItem = await api.jobsTree.getTreeItem(profileNode);
    assert.equal(profileItem.label, EMULATOR);
    const jobNodes = (await api.jobsTree.getChildren(profileNode)) as unknown[];
    const items = await Promise.all(jobNodes.map((node) => api.jobsTree.getTreeItem(node)));
    const item = items.find((candidate) => candidate.id?.endsWith(job.id));
    assert.ok(item, 'the job has a row');
    assert.match(String(item.description), /^completed · 15\/15 · /);
    assert.match(String(item.contextValue), /\bresults\b/);
    assert.doesNotMatch(String(item.contextValue), /\bcancellable\b/);
  });

  test('Cancel moves a running job to cancelling and then cancelled', async () => {
    const emulator = await api.emulator.start();
    emulator.faults.failNextBatch('stall');
    const job = await submit(await freshBatchFile('cancel'));
    await jobState(api, job, (candidate) => candidate.status === 'in_progress' || candidate.status === 'validating');
    const menu = rowMenuCommands(String((await jobRow(api, job)).contextValue));
    assert.ok(menu.includes('batchStudio.cancelJob'), `a running batch's menu: ${menu.join(', ')}`);
    assert.ok(!menu.includes('batchStudio.stopRun'), `a batch is not a run to stop: ${menu.join(', ')}`);
    const seen: string[] = [];
    const subscription = api.jobStore.onDidChange((change) => {
      for (const changed of change.changed) if (changed.id === job.id) seen.push(changed.status);
    });
    await vscode.commands.executeCommand('batchStudio.cancelJob', job, { confirmed: true });
    const cancelled = await jobState(api, job, (candidate) => candidate.status === 'cancelled');
    subscription.dispose();
    assert.equal(cancelled.status, 'cancelled');
    const cancelling = seen.indexOf('cancelling');
    assert.ok(cancelling >= 0 && cancelling < seen.indexOf('cancelled'), `statuses seen: ${seen.join(', ')}`);
  });

  test('a poll that changes a job is followed by a sleep, not by another poll at once', async () => {
    // A paced emulator, so the job's counts change from one poll to the next.
    const settings = vscode.workspace.getConfiguration('batchStudio');
    await settings.update('emulator.requestsPerSecond', 2, vscode.ConfigurationTarget.Global);
    await api.emulator.stop();
    const emulator = await api.emulator.start();
    const listedAt: number[] = [];
    const record = emulator.requestLog.record.bind(emulator.requestLog);
    emulator.requestLog.record = (route: string) => {
      if (route === 'GET /v1/batches' || route === 'GET /v1/batches/{batch_id}') listedAt.push(Date.now());
      record(route);
    };
    try {
      const job = await submit(await freshBatchFile('paced'));
      const polledAt = listedAt.length;
      await jobState(api, job, (candidate) => candidate.status === 'completed');
      const polls = listedAt.slice(polledAt);
      const gaps = polls.slice(1).map((at, index) => at - polls[index]);
      // The floor is batchStudio.pollIntervalSeconds (at least 1 s): two polls closer than that are a loop.
      assert.ok(gaps.length > 0 && Math.min(...gaps) >= 900, `gaps between status calls (ms): ${gaps.join(', ')}`);
    } finally {
      emulator.requestLog.record = record;
      await settings.update('emulator.requestsPerSecond', undefined, vscode.ConfigurationTarget.Global);
      await api.emulator.stop();
    }
  });

  test('a second job of the same input exports its own answers, not those of the first job loaded before', async () => {
    const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', 'summarize-articles.batch.jsonl')));
    const tag = randomUUID().slice(0, 8);
    const input = workspaceUri('jobs', `rerun-${tag}.batch.jsonl`);
    const write = (text: string) => vscode.workspace.fs.writeFile(input, new TextEncoder().encode(text));
    await write(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`).replaceAll('Title: ', 'FIRST RUN Title: '));
    const first = await jobState(api, await submit(input), (candidate) => candidate.status === 'completed');
    await vscode.commands.executeCommand('batchStudio.openResults', first);

    await write(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`).replaceAll('Title: ', 'SECOND RUN Title: '));
    const second = await jobState(api, await submit(input), (candidate) => candidate.status === 'completed');
    const target = workspaceUri('jobs', `rerun-${tag}.export.jsonl`);
    await vscode.commands.executeCommand('batchStudio.exportResults', second, { format: 'jsonl', target });
    const rows = new TextDecoder()
      .decode(await vscode.workspace.fs.readFile(target))
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { output: string });
    assert.ok(rows.length > 0);
    for (const row of rows) assert.match(row.output, /SECOND RUN/, row.output);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a store reloaded from globalState holds every job', async () => {
    await submit(await freshBatchFile('persisted-1'));
    await submit(await freshBatchFile('persisted-2'));
    const reloaded = new JobStore(new GlobalStateJobStorage(api.globalState));
    const ids = (jobs: Job[]) => jobs.map((job) => `${job.profile}/${job.id}`).sort();
    assert.ok(api.jobStore.all().length >= 2);
    assert.deepEqual(ids(reloaded.all()), ids(api.jobStore.all()));
  });
});
