import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import { journalPathsFor } from '../../src/core/runner';
import { EMULATOR, hooks, jobRow, jobState, rowMenuCommands, submit, workspaceUri, type TestHooks } from './jobSupport';
import { waitForEvent } from './waitFor';

const PROFILE = 'Direct to the emulator (test)';
/** Slow enough to pause, resume and cancel mid-run: one request every half second. */
const RPM = 120;

interface ShownResults {
  input: vscode.TextEditor;
  results: vscode.TextEditor;
}

/** The summarize example (12 chat requests) with fresh custom_ids, so no earlier run's journal answers them. */
async function freshRunFile(name: string): Promise<{ uri: vscode.Uri; ids: string[] }> {
  const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', 'summarize-articles.batch.jsonl')));
  const tag = randomUUID().slice(0, 8);
  const uri = workspaceUri('runs', `${name}-${tag}.batch.jsonl`);
  const text = example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  const ids = text.split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
  return { uri, ids };
}

/** custom_ids in a journal file, in order (repeats kept, so "exactly once" can be checked). */
async function journalIds(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
}

function answered(job: Job): number {
  return job.requestCounts.completed + job.requestCounts.failed;
}

suite('direct runs in the Jobs view', () => {
  let api: TestHooks;

  suiteSetup(async () => {
    api = await hooks();
    const baseUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
    const listed = waitForEvent(api.profiles.onDidChange, () => api.profiles.get(PROFILE) !== undefined, { what: `profile ${PROFILE} listed` });
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', [{ name: PROFILE, kind: 'direct', baseUrl, rpm: RPM, concurrency: 2 }], vscode.ConfigurationTarget.Global);
    if (!api.profiles.get(PROFILE)) await listed;
    await api.profiles.select(PROFILE);
  });

  suiteTeardown(async () => {
    await api.profiles.select(EMULATOR);
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('Submit on a direct profile runs the file: the job pauses, resumes, cancels and resumes after, and every request is answered exactly once beside the input', async function () {
    this.timeout(120_000);
    const { uri, ids } = await freshRunFile('paused');
    const job = await submit(uri);
    assert.equal(job.directRun, true);
    assert.equal(job.profile, PROFILE);
    assert.equal(job.sourceFile, uri.fsPath);

    await jobState(api, job, (candidate) => answered(candidate) >= 2);
    const movedOn = waitForEvent(api.runs.onDidChangeProgress, (changed) => changed.id === job.id && api.runs.progress(job)?.state === 'paused', { what: 'the run paused' });
    await vscode.commands.executeCommand('batchStudio.pauseRun', job);
    await movedOn;
    let row = await jobRow(api, job);
    assert.match(String(row.description), /^paused · \d+\/12 · /, 'the row says it is paused, with its counts');
    assert.match(String(row.contextValue), /\bresumable\b/);
    assert.doesNotMatch(String(row.contextValue), /\bpausable\b/);

    const resumed = waitForEvent(api.runs.onDidChangeProgress, (changed) => changed.id === job.id && api.runs.progress(job)?.state !== 'paused', { what: 'the run resumed' });
    await vscode.commands.executeCommand('batchStudio.resumeRun', job);
    await resumed;
    row = await jobRow(api, job);
    assert.match(String(row.contextValue), /\bpausable\b/);
    assert.match(String(row.description), / req\/s · .* tok\/s/, 'the row shows its rates');
    const menu = rowMenuCommands(String(row.contextValue));
    assert.ok(menu.includes('batchStudio.stopRun'), `a running run's menu: ${menu.join(', ')}`);
    assert.ok(!menu.includes('batchStudio.cancelJob'), `a run is not a batch to cancel: ${menu.join(', ')}`);

    const before = answered(await jobState(api, job, (candidate) => answered(candidate) >= 4));
    await vscode.commands.executeCommand('batchStudio.stopRun', job, { confirmed: true });
    const cancelled = await jobState(api, job, (candidate) => candidate.status === 'cancelled');
    assert.ok(answered(cancelled) >= before && answered(cancelled) < 12, `cancelled part-way: ${answered(cancelled)}/12`);
    row = await jobRow(api, job);
    assert.match(String(row.contextValue), /\bresumable\b/, 'a stopped run with requests left can be resumed');

    await vscode.commands.executeCommand('batchStudio.resumeRun', cancelled);
    const completed = await jobState(api, job, (candidate) => candidate.status === 'completed');
    assert.equal(completed.requestCounts.completed, 12);

    const paths = journalPathsFor(uri.fsPath);
    const answeredIds = await journalIds(paths.results);
    assert.deepEqual([...answeredIds].sort(), [...ids].sort(), 'every request answered exactly once');
    assert.deepEqual(await journalIds(paths.errors), []);

    await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
    const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResults', completed);
    assert.equal(shown.results.document.uri.scheme, 'batch-results');
    assert.ok((shown.results.viewColumn ?? 0) > (shown.input.viewColumn ?? 0), 'results to the right of the input');
    assert.equal(shown.results.document.lineCount, shown.input.document.lineCount, 'one results line per input line');
  });

  test('a run left in progress by a closed window is offered once for resuming, and resumes from its journal', async function () {
    this.timeout(120_000);
    const { uri, ids } = await freshRunFile('reload');
    const job = await submit(uri);
    await jobState(api, job, (candidate) => answered(candidate) >= 3);
    await vscode.commands.executeCommand('batchStudio.cancelJob', job, { confirmed: true });
    const stopped = await jobState(api, job, (candidate) => candidate.status === 'cancelled');
    // What the store holds after the window closed mid-run: the run still "in progress", nothing sending it.
    await api.jobStore.upsert({ ...stopped, status: 'in_progress', cancelledAt: undefined });

    const asked: Job[][] = [];
    const resumed = await api.resumeUnfinishedRuns(async (runs) => (asked.push(runs), true));
    assert.deepEqual(asked.map((runs) => runs.map((run) => run.id)), [[job.id]], 'asked once, about this run');
    assert.deepEqual(resumed.map((run) => run.id), [job.id]);
    const completed = await jobState(api, job, (candidate) => candidate.status === 'completed');
    assert.equal(completed.requestCounts.completed, 12);
    assert.deepEqual([...(await journalIds(journalPathsFor(uri.fsPath).results))].sort(), [...ids].sort(), 'every request answered exactly once');

    assert.deepEqual(await api.resumeUnfinishedRuns(async () => assert.fail('asked again with nothing unfinished')), []);
  });

  test('declining the resume question leaves the run stopped and does not ask again', async function () {
    this.timeout(60_000);
    const { uri } = await freshRunFile('declined');
    const job = await submit(uri);
    await vscode.commands.executeCommand('batchStudio.cancelJob', job, { confirmed: true });
    const stopped = await jobState(api, job, (candidate) => candidate.status === 'cancelled');
    await api.jobStore.upsert({ ...stopped, status: 'in_progress', cancelledAt: undefined });

    assert.deepEqual(await api.resumeUnfinishedRuns(async () => false), []);
    assert.equal(api.jobStore.get(job.profile, job.id)?.status, 'cancelled');
    assert.deepEqual(await api.resumeUnfinishedRuns(async () => assert.fail('asked a second time')), []);
  });
});
