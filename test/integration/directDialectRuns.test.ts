import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { journalPathsFor } from '../../src/core/runner';
import { EMULATOR, hooks, jobState, submit, workspaceUri, type TestHooks } from './jobSupport';
import { waitForEvent } from './waitFor';

interface ShownResults {
  input: vscode.TextEditor;
  results: vscode.TextEditor;
}

/** Each dialect's example, run on a direct profile of that dialect pointed at the in-process emulator. */
const DIALECTS = [
  { dialect: 'anthropic', example: 'claude-translate-phrases.batch.jsonl', idKey: 'custom_id', resultKey: 'result' },
  { dialect: 'gemini', example: 'gemini-study-questions.batch.jsonl', idKey: 'key', resultKey: 'response' },
] as const;

suite('direct runs of Anthropic and Gemini files', () => {
  let api: TestHooks;
  let baseUrl: string;

  suiteSetup(async () => {
    api = await hooks();
    baseUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
  });

  suiteTeardown(async () => {
    await api.profiles.select(EMULATOR);
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  for (const { dialect, example, idKey, resultKey } of DIALECTS) {
    test(`Run on a direct ${dialect} profile sends each request to the synchronous API, shows the run in the Jobs view and opens its results beside the input`, async function () {
      this.timeout(60_000);
      const profile = `Direct ${dialect} to the emulator (test)`;
      const listed = waitForEvent(api.profiles.onDidChange, () => api.profiles.get(profile) !== undefined, { what: `profile ${profile} listed` });
      await vscode.workspace.getConfiguration('batchStudio').update('profiles', [{ name: profile, kind: 'direct', dialect, baseUrl }], vscode.ConfigurationTarget.Global);
      if (!api.profiles.get(profile)) await listed;
      await api.profiles.select(profile);

      const tag = randomUUID().slice(0, 8);
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(workspaceUri('examples', example))).replaceAll(`"${idKey}": "`, `"${idKey}": "${tag}-`);
      const uri = workspaceUri('runs', `${dialect}-${tag}.batch.jsonl`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      const ids = text.split('\n').filter((line) => line.trim()).map((line) => (JSON.parse(line) as Record<string, string>)[idKey]);

      const job = await submit(uri);
      assert.equal(job.directRun, true);
      assert.equal(job.profile, profile);
      const completed = await jobState(api, job, (candidate) => candidate.status === 'completed');
      assert.deepEqual([completed.requestCounts.total, completed.requestCounts.completed, completed.requestCounts.failed], [ids.length, ids.length, 0]);

      const results = (await readFile(journalPathsFor(uri.fsPath).results, 'utf8')).split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, unknown>);
      assert.deepEqual(results.map((line) => line[idKey]).sort(), [...ids].sort(), 'every request answered exactly once');
      assert.ok(results.every((line) => typeof line[resultKey] === 'object'), `answers in the ${dialect} results format`);

      await vscode.window.showTextDocument(uri, { viewColumn: vscode.ViewColumn.One });
      const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResults', completed);
      assert.equal(shown.results.document.uri.scheme, 'batch-results');
      assert.ok((shown.results.viewColumn ?? 0) > (shown.input.viewColumn ?? 0), 'results to the right of the input');
      assert.equal(shown.results.document.lineCount, shown.input.document.lineCount, 'one results line per input line');
      assert.match(shown.results.document.getText(), /Emulated reply/);
    });
  }
});
