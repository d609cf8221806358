import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { JobPollers } from '../../src/extension/jobs/jobPollers';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { waitForEvent } from './waitFor';
import type { DirectRuns } from '../../src/extension/runs/directRuns';
import type { AskToResume } from '../../src/extension/runs/resumeUnfinishedRuns';

export const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
export const EMULATOR = 'Emulator (local, no key)';

export interface TestHooks extends SubmitTestHooks {
  globalState: vscode.Memento;
  jobsTree: vscode.TreeDataProvider<unknown>;
  pollers: JobPollers;
  runs: DirectRuns;
  /** The question a reload asks about runs left unfinished, answered by `ask`. */
  resumeUnfinishedRuns(ask: AskToResume): Promise<Job[]>;
}

export async function hooks(): Promise<TestHooks> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  const submitHooks = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
  const jobsHooks = await vscode.commands.executeCommand<{
    tree: vscode.TreeDataProvider<unknown>;
    globalState: vscode.Memento;
    pollers: JobPollers;
    runs: DirectRuns;
    resumeUnfinishedRuns(ask: AskToResume): Promise<Job[]>;
  }>('batchStudio.test.jobsHooks');
  return {
    ...submitHooks,
    globalState: jobsHooks.globalState,
    jobsTree: jobsHooks.tree,
    pollers: jobsHooks.pollers,
    runs: jobsHooks.runs,
    resumeUnfinishedRuns: jobsHooks.resumeUnfinishedRuns,
  };
}

export function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...segments);
}

/** The embeddings example with fresh custom_ids, so no earlier submit makes it a duplicate. */
export async function freshBatchFile(name: string): Promise<vscode.Uri> {
  const example = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', 'embed-support-tickets.batch.jsonl')));
  const tag = randomUUID().slice(0, 8);
  const uri = workspaceUri('jobs', `${name}-${tag}.batch.jsonl`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`)));
  return uri;
}

export async function submit(uri: vscode.Uri): Promise<Job> {
  const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri, answers: {} });
  assert.equal(result.outcome, 'submitted', JSON.stringify(result));
  return (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs[0];
}

/** A job's state in a failure message: status and counts. */
export function describeJob(job: Job | undefined): string {
  return job ? `${job.status} ${job.requestCounts.completed + job.requestCounts.failed}/${job.requestCounts.total}` : 'not in the store';
}

/** Resolves with the job once the store holds it in a state that satisfies `predicate`. */
export async function jobState(api: TestHooks, job: Job, predicate: (job: Job) => boolean): Promise<Job> {
  const matching = (jobs: Job[]) => jobs.find((candidate) => candidate.id === job.id && predicate(candidate));
  const changes = (listener: (change: JobStoreChange) => void) => api.jobStore.onDidChange(listener);
  const changed = waitForEvent(changes as vscode.Event<JobStoreChange>, (change) => matching(change.changed) !== undefined, {
    what: `job ${job.id} reaching the awaited state`,
    lastState: () => describeJob(api.jobStore.get(job.profile, job.id)),
  });
  const current = api.jobStore.get(job.profile, job.id);
  if (current && predicate(current)) return current;
  return matching((await changed).changed)!;
}

/** A job's row in the Jobs view. */
export async function jobRow(api: TestHooks, job: Job): Promise<vscode.TreeItem> {
  const profiles = (await api.jobsTree.getChildren()) as unknown[];
  for (const profile of profiles) {
    for (const node of ((await api.jobsTree.getChildren(profile)) as unknown[]) ?? []) {
      const item = await api.jobsTree.getTreeItem(node);
      if (item.id?.endsWith(job.id)) return item;
    }
  }
  throw new Error(`no row for ${job.id}`);
}

/**
 * The commands the manifest puts in a Jobs view row's context menu (and inline) for its `contextValue`:
 * each entry's `when` read as the Jobs view's `view ==` and `viewItem =~ /…/` clauses joined by `&&`.
 */
export function rowMenuCommands(contextValue: string): string[] {
  const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { menus: Record<string, { command: string; when: string }[]> } };
  const shown = (when: string) =>
    when.split('&&').every((clause) => {
      const test = clause.trim();
      if (test === 'view == batchStudio.jobs') return true;
      const pattern = /^viewItem =~ \/(.*)\/$/.exec(test);
      if (!pattern) throw new Error(`a clause this reader does not know: ${test}`);
      return new RegExp(pattern[1].replace(/\\\\/g, '\\')).test(contextValue);
    });
  return manifest.contributes.menus['view/item/context'].filter((entry) => shown(entry.when)).map((entry) => entry.command);
}
