import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { parse as parseJsonc } from 'jsonc-parser';
import * as vscode from 'vscode';
import type { Job } from '../../src/core/jobs/job';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { rowMenuCommands } from './jobSupport';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
const EMULATOR = 'Emulator (local, no key)';

interface JobsHooks {
  tree: vscode.TreeDataProvider<unknown>;
}

function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'first-use', ...segments);
}

function request(customId: string, body: Record<string, unknown>): string {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body });
}

function chat(content: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra };
}

/** Three requests; the second asks for more output tokens than the emulator's model gives, so it fails. */
async function fileWithOneFailure(): Promise<vscode.Uri> {
  const tag = randomUUID().slice(0, 8);
  const uri = workspaceUri(`one-failure-${tag}.batch.jsonl`);
  const lines = [request(`${tag}-ok-1`, chat('Say hello.')), request(`${tag}-too-long`, chat('Write a lot.', { max_tokens: 100_000 })), request(`${tag}-ok-2`, chat('Say bye.'))];
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${lines.join('\n')}\n`));
  return uri;
}

async function submit(api: SubmitTestHooks, uri: vscode.Uri): Promise<Job> {
  const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri, answers: {} });
  assert.equal(result.outcome, 'submitted', JSON.stringify(result));
  const job = (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs[0];
  const done = (candidate: Job) => candidate.id === job.id && candidate.status === 'completed';
  const changes = (listener: (change: JobStoreChange) => void) => api.jobStore.onDidChange(listener);
  const finished = waitForEvent(changes as vscode.Event<JobStoreChange>, (change) => change.changed.some(done));
  const current = api.jobStore.get(job.profile, job.id);
  if (current && done(current)) return current;
  return (await finished).changed.find(done)!;
}

function openTabsOf(uri: vscode.Uri): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString());
}

suite('what a new user trips over', () => {
  let api: SubmitTestHooks;
  let jobsHooks: JobsHooks;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    jobsHooks = await vscode.commands.executeCommand<JobsHooks>('batchStudio.test.jobsHooks');
    await api.profiles.select(EMULATOR);
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  suite('a job with a failed request', () => {
    let input: vscode.Uri;
    let job: Job;

    suiteSetup(async () => {
      input = await fileWithOneFailure();
      job = await submit(api, input);
      assert.equal(job.requestCounts.failed, 1, JSON.stringify(job.requestCounts));
      assert.ok(job.errorFileId && job.outputFileId);
    });

    async function childItems(): Promise<vscode.TreeItem[]> {
      const profiles = (await jobsHooks.tree.getChildren()) as unknown[];
      for (const profile of profiles) {
        for (const node of ((await jobsHooks.tree.getChildren(profile)) as unknown[]) ?? []) {
          if ((await jobsHooks.tree.getTreeItem(node)).id?.endsWith(job.id)) {
            const children = ((await jobsHooks.tree.getChildren(node)) as unknown[]) ?? [];
            return Promise.all(children.map((child) => jobsHooks.tree.getTreeItem(child)));
          }
        }
      }
      assert.fail(`no row for ${job.id}`);
    }

    async function runItem(item: vscode.TreeItem): Promise<unknown> {
      assert.ok(item.command, `${String(item.label)} has a command`);
      return vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    }

    test('the Output and Error file children each open their own file, and a second click reuses its group', async () => {
      const children = await childItems();
      const output = children.find((item) => item.label === 'Output file')!;
      const errors = children.find((item) => item.label === 'Error file')!;
      const shownOutput = (await runItem(output)) as vscode.TextEditor;
      const shownErrors = (await runItem(errors)) as vscode.TextEditor;
      assert.notEqual(shownOutput.document.uri.toString(), shownErrors.document.uri.toString());
      assert.match(shownErrors.document.getText(), /too-long/, 'the error file holds the failed request');
      assert.doesNotMatch(shownOutput.document.getText(), /too-long/);
      const groups = vscode.window.tabGroups.all.length;
      await runItem(errors);
      await runItem(errors);
      assert.equal(vscode.window.tabGroups.all.length, groups, 'no new editor group per click');
      assert.equal(openTabsOf(shownErrors.document.uri).length, 1, 'one tab for the error file');
    });

    test('Show Errors is a child of the job and shows each failure on its request line, beside the input', async () => {
      const children = await childItems();
      const showErrors = children.find((item) => item.label === 'Show Errors');
      assert.ok(showErrors, `children: ${children.map((item) => item.label).join(', ')}`);
      const shown = (await runItem(showErrors)) as { input: vscode.TextEditor; results: vscode.TextEditor };
      assert.equal(shown.input.document.uri.toString(), input.toString());
      assert.match(shown.results.document.lineAt(1).text, /^\[failed 400\] invalid_value: max_tokens is too large/);
      assert.equal(shown.input.selection.active.line, 1, 'the input cursor is on the failed request');
    });

    test('Show Errors is in the job context menu of a job with failed requests', async () => {
      const profiles = (await jobsHooks.tree.getChildren()) as unknown[];
      let contextValue = '';
      for (const profile of profiles) {
        for (const node of ((await jobsHooks.tree.getChildren(profile)) as unknown[]) ?? []) {
          const item = await jobsHooks.tree.getTreeItem(node);
          if (item.id?.endsWith(job.id)) contextValue = String(item.contextValue);
        }
      }
      const menu = rowMenuCommands(contextValue);
      assert.ok(menu.includes('batchStudio.showJobErrors'), `${contextValue}: ${menu.join(', ')}`);
    });

    test('the summary opens in the results\' group, not in a third column', async () => {
      const shown = (await vscode.commands.executeCommand('batchStudio.openResults', job)) as { results: vscode.TextEditor };
      assert.ok(shown.results);
      const groups = vscode.window.tabGroups.all.length;
      await vscode.commands.executeCommand('batchStudio.showResultsSummary', job);
      assert.equal(vscode.window.tabGroups.all.length, groups, `groups: ${vscode.window.tabGroups.all.map((group) => group.tabs.map((tab) => tab.label).join('+')).join(' | ')}`);
    });

    test('Import brings back a removed job with its input file, matched by the recorded SHA-256', async () => {
      await api.jobStore.remove(job);
      await vscode.commands.executeCommand('batchStudio.importBatches', job.profile);
      const imported = api.jobStore.get(job.profile, job.id);
      assert.ok(imported, 'imported again');
      assert.equal(imported.sourceFile, input.fsPath);
    });

    test('Copy Batch ID copies the id and says so in the status bar', async () => {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand('batchStudio.copyBatchId', job);
      assert.equal(await vscode.env.clipboard.readText(), job.id);
    });
  });

  test('the CodeLens of a file with errors says how many and opens Problems instead of submitting', async () => {
    const uri = workspaceUri(`with-errors-${randomUUID().slice(0, 8)}.batch.jsonl`);
    const lines = [request('a', chat('Hi')), JSON.stringify({ custom_id: 'b', url: '/v1/chat/completions', body: chat('Hi') }), request('a', chat('Again'))];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n')));
    const reported = waitForEvent(vscode.languages.onDidChangeDiagnostics, (event) => event.uris.some((changed) => changed.toString() === uri.toString()) && vscode.languages.getDiagnostics(uri).length >= 2);
    await vscode.window.showTextDocument(uri);
    if (vscode.languages.getDiagnostics(uri).length < 2) await reported;
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal(lenses.length, 1);
    assert.equal(lenses[0].command?.title, '$(error) 2 errors: fix before submitting');
    assert.equal(lenses[0].command?.command, 'workbench.actions.view.problems');
  });

  test('inside body, completions come from the endpoint schema: keys, message roles, and the models the file uses', async () => {
    const uri = workspaceUri(`complete-${randomUUID().slice(0, 8)}.batch.jsonl`);
    const lines = [request('a', { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'A long prompt whose words must not be offered' }] }), request('b', { model: 'my-fine-tune', messages: [{ role: 'user', content: 'Hi' }] }), ''];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n')));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const labelsAt = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, document.lineAt(2).range, text);
      assert.ok(await vscode.workspace.applyEdit(edit));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(2, text.length));
      return list.items.filter((item) => item.kind !== vscode.CompletionItemKind.Text).map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
    };
    const envelope = '{"custom_id": "c", "method": "POST", "url": "/v1/chat/completions", "body": {';
    const keys = await labelsAt(`${envelope}"`);
    assert.ok(['model', 'messages', 'temperature', 'max_completion_tokens'].every((key) => keys.includes(key)), keys.join(', '));
    const roles = await labelsAt(`${envelope}"model": "gpt-4o-mini", "messages": [{"role": "`);
    assert.deepEqual(roles.filter((label) => label.startsWith('"')).sort(), ['"assistant"', '"developer"', '"system"', '"tool"', '"user"']);
    const models = await labelsAt(`${envelope}"model": "`);
    assert.deepEqual(models, ['"gpt-4o-mini"', '"my-fine-tune"']);
    assert.ok(!models.some((label) => label.includes('long prompt')));
  });

  test('quick fixes: repair a trailing comma, add the file\'s model to a body without one, delete a line that is not a request', async () => {
    const uri = workspaceUri(`fixes-${randomUUID().slice(0, 8)}.batch.jsonl`);
    const lines = [
      request('a', chat('Hi')),
      `${request('b', chat('Hi')).slice(0, -1)},}`,
      JSON.stringify({ custom_id: 'c', method: 'POST', url: '/v1/chat/completions', body: { messages: [{ role: 'user', content: 'Hi' }] } }),
      '[1, 2, 3]',
      request('d', chat('Bye')),
    ];
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(lines.join('\n')));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document);
    const diagnosticsOn = async (line: number, code: string) => {
      const matching = () => vscode.languages.getDiagnostics(uri).find((d) => d.range.start.line === line && (typeof d.code === 'object' ? d.code.value : d.code) === code);
      if (!matching()) await waitForEvent(vscode.languages.onDidChangeDiagnostics, () => matching() !== undefined);
      return matching()!;
    };
    const apply = async (line: number, code: string, title: RegExp) => {
      const diagnostic = await diagnosticsOn(line, code);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, diagnostic.range, vscode.CodeActionKind.QuickFix.value);
      const action = actions.find((candidate) => title.test(candidate.title));
      assert.ok(action?.edit, `${title} among ${actions.map((candidate) => candidate.title).join(' | ')}`);
      assert.ok(await vscode.workspace.applyEdit(action.edit));
    };
    await apply(1, 'invalid_json_line', /^Remove the trailing comma$/);
    assert.deepEqual(JSON.parse(document.lineAt(1).text), JSON.parse(request('b', chat('Hi'))));
    await apply(2, 'missing_required_parameter', /^Add "model": "gpt-4o-mini"/);
    assert.equal((JSON.parse(document.lineAt(2).text) as { body: { model: string } }).body.model, 'gpt-4o-mini');
    await apply(3, 'invalid_request', /^Delete this line/);
    assert.equal(document.lineCount, 4);
    assert.match(document.lineAt(3).text, /"custom_id":"d"/);
  });

  test('Add Profile and Edit Profile write the user setting and keep the key in secret storage', async () => {
    const settings = vscode.workspace.getConfiguration('batchStudio');
    try {
      await vscode.commands.executeCommand('batchStudio.addProfile', { kind: 'openai', name: 'Form Groq', baseUrl: 'https://api.groq.com/openai/v1', apiKey: 'gsk-form-test' });
      let entries = settings.inspect<{ name: string; baseUrl: string }[]>('profiles')!;
      assert.deepEqual(entries.globalValue, [{ name: 'Form Groq', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v1' }]);
      assert.equal(entries.workspaceValue, undefined, 'never a workspace setting');
      const added = api.profiles.get('Form Groq');
      assert.ok(added, 'the catalog lists the new profile');
      assert.equal((await api.keys.resolve(added)).apiKey, 'gsk-form-test');

      await vscode.commands.executeCommand('batchStudio.editProfile', { profile: 'Form Groq', kind: 'openai', name: 'Form Groq', baseUrl: 'https://api.groq.com/openai/v2', apiKey: '' });
      entries = vscode.workspace.getConfiguration('batchStudio').inspect<{ name: string; baseUrl: string }[]>('profiles')!;
      assert.deepEqual(entries.globalValue?.map((entry) => entry.baseUrl), ['https://api.groq.com/openai/v2']);
      assert.equal((await api.keys.resolve(api.profiles.get('Form Groq')!)).apiKey, 'gsk-form-test', 'same origin: the key stays');

      const refused = await vscode.commands.executeCommand('batchStudio.addProfile', { kind: 'openai', name: 'Plain', baseUrl: 'http://gateway.example/v1', apiKey: '' });
      assert.equal(refused, undefined, 'an http URL to another host is refused');
    } finally {
      await settings.update('profiles', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('word-based suggestions are off in batch files, and quick suggestions work inside strings', () => {
    const editor = vscode.workspace.getConfiguration('editor', { languageId: 'batch-jsonl' });
    assert.equal(editor.get('wordBasedSuggestions'), 'off');
    assert.equal(editor.get<Record<string, string>>('quickSuggestions')?.strings, 'on');
  });

  test('the Submit and Open Results shortcuts only apply in batch files and take no key VS Code binds by default', async () => {
    const manifest = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { keybindings: { command: string; key: string; mac: string; when: string }[] } };
    const ours = manifest.contributes.keybindings;
    assert.deepEqual(ours.map((binding) => binding.command).sort(), ['batchStudio.openResults', 'batchStudio.submit']);
    const defaults = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const bindings = parseJsonc(defaults.getText()) as { key: string; command: string }[];
    assert.ok(bindings.length > 500, `read ${bindings.length} default keybindings`);
    for (const binding of ours) {
      assert.match(binding.when, /editorLangId == batch-jsonl/);
      const clashes = bindings.filter((other) => !other.command.startsWith('batchStudio.') && other.key.toLowerCase() === binding.key.toLowerCase());
      assert.deepEqual(clashes, [], `${binding.key} is free`);
    }
  });
});
