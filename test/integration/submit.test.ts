import * as assert from 'node:assert/strict';
import { createHash, randomUUID } from 'node:crypto';
import { format } from 'node:util';
import * as vscode from 'vscode';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitAnswers } from '../../src/extension/submit/submitQuestions';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
const EMULATOR = 'Emulator (local, no key)';

async function hooks(): Promise<SubmitTestHooks> {
  await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
  return vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
}

function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, ...segments);
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** The example with its custom_ids tagged, so each test submits content no other test has. */
async function uniqueBatchFile(name: string): Promise<vscode.Uri> {
  const example = await readText(workspaceUri('examples', 'summarize-articles.batch.jsonl'));
  const tag = randomUUID().slice(0, 8);
  const uri = workspaceUri('submit', `${name}-${tag}.batch.jsonl`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`)));
  return uri;
}

function submit(uri: vscode.Uri, answers: SubmitAnswers = {}): Thenable<SubmitCommandResult> {
  return vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri, answers });
}

function submittedJobs(result: SubmitCommandResult) {
  assert.equal(result.outcome, 'submitted', `expected a submission, got ${JSON.stringify(result)}`);
  return (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs;
}

/** Resolves once the profile list holds (or no longer holds) `name`. */
async function profileListed(api: SubmitTestHooks, name: string, listed: boolean): Promise<void> {
  const changed = waitForEvent(api.profiles.onDidChange, () => (api.profiles.get(name) !== undefined) === listed);
  if ((api.profiles.get(name) !== undefined) !== listed) await changed;
}

suite('submit to the emulator profile', () => {
  let api: SubmitTestHooks;

  suiteSetup(async () => {
    api = await hooks();
    await api.profiles.select(EMULATOR);
  });

  test('the emulator profile is the default, and a submit records the job before the command answers', async () => {
    assert.equal(api.profiles.active().name, EMULATOR);
    const uri = await uniqueBatchFile('records');
    await vscode.window.showTextDocument(uri);
    const announced: JobStoreChange[] = [];
    const subscription = api.jobStore.onDidChange((change) => announced.push(change));
    const result = await submit(uri);
    subscription.dispose();

    const [job] = submittedJobs(result);
    assert.equal(job.profile, EMULATOR);
    assert.equal(job.sourceFile, uri.fsPath);
    assert.equal(job.endpoint, '/v1/chat/completions');
    assert.equal(job.requestCounts.total, 12);
    assert.match(job.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(api.jobStore.get(EMULATOR, job.id)?.id, job.id, 'the job is in the JobStore');
    assert.ok(
      announced.some((change) => change.changed.some((changed) => changed.id === job.id)),
      'the store announced (after persisting) the job before the command resolved',
    );
  });

  test('a description given at the confirmation goes with the batch as its metadata', async () => {
    const uri = await uniqueBatchFile('described');
    const result = await submit(uri, { description: 'FAQ answers, second pass' });
    const [job] = submittedJobs(result);
    assert.equal(job.metadata?.description, 'FAQ answers, second pass');
    assert.match(job.metadata?.client_token ?? '', /./, 'beside the tool\'s own keys');
  });

  test('refuses a file with errors, and records nothing', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const uri = workspaceUri('submit', 'with-errors.batch.jsonl');
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'submit', 'with-errors.batch.jsonl'), uri, { overwrite: true });
    const before = api.jobStore.all().length;
    const result = await submit(uri);
    assert.deepEqual(result, { outcome: 'not-submitted', reason: 'invalid', errorCount: 2 });
    assert.equal(api.jobStore.all().length, before);
  });

  test('the same content is not submitted twice without an explicit Submit Again', async () => {
    const uri = await uniqueBatchFile('twice');
    const [first] = submittedJobs(await submit(uri));
    const stored = api.jobStore.all().length;

    const refused = await submit(uri, { submitAgain: false });
    assert.equal(refused.outcome, 'not-submitted');
    assert.equal(refused.outcome === 'not-submitted' && refused.reason, 'duplicate');
    assert.equal(refused.outcome === 'not-submitted' && refused.existing?.id, first.id, 'names the batch that carries the content');
    assert.equal(api.jobStore.all().length, stored, 'nothing was created');

    const [second] = submittedJobs(await submit(uri, { submitAgain: true }));
    assert.notEqual(second.id, first.id);
    assert.equal(second.sha256, first.sha256);
  });

  test('a dirty document is saved first and the bytes on disk are what is submitted', async () => {
    const uri = await uniqueBatchFile('dirty');
    const editor = await vscode.window.showTextDocument(uri);
    const extra = editor.document.lineAt(0).text.replace(/"custom_id":"([^"]+)"/, '"custom_id":"$1-extra"');
    const end = editor.document.lineAt(editor.document.lineCount - 1);
    // The example ends with a newline: its last line is empty, and the new request goes there.
    assert.equal(end.text, '');
    await editor.edit((edit) => edit.insert(end.range.start, `${extra}\n`));
    assert.ok(editor.document.isDirty);

    const [job] = submittedJobs(await submit(uri, { save: true }));
    assert.equal(editor.document.isDirty, false);
    const onDisk = await vscode.workspace.fs.readFile(uri);
    assert.equal(job.sha256, createHash('sha256').update(onDisk).digest('hex'));
    assert.equal(job.requestCounts.total, 13);
  });

  test('two submits of the same file at once (a double click on the lens) create one batch, not two', async () => {
    const uri = await uniqueBatchFile('double-click');
    const before = api.jobStore.all().length;
    const results = await Promise.all([submit(uri), submit(uri)]);
    const submitted = results.filter((result) => result.outcome === 'submitted');
    assert.equal(submitted.length, 1, `one submission, got ${JSON.stringify(results.map((result) => result.outcome === 'submitted' ? result.outcome : result.reason))}`);
    assert.equal(api.jobStore.all().length, before + 1, 'one paid batch');
    const other = results.find((result) => result.outcome !== 'submitted');
    assert.equal(other?.outcome === 'not-submitted' && other.reason, 'in-progress');
  });

  test('a declined confirmation sends nothing', async () => {
    const uri = await uniqueBatchFile('declined');
    const before = api.jobStore.all().length;
    assert.deepEqual(await submit(uri, { confirm: false }), { outcome: 'not-submitted', reason: 'declined' });
    assert.equal(api.jobStore.all().length, before);
  });

  test('line 1 carries a Submit CodeLens naming the active profile and the request count', async () => {
    const uri = await uniqueBatchFile('lens');
    await vscode.window.showTextDocument(uri);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    const lens = lenses.find((candidate) => candidate.command?.command === 'batchStudio.submit');
    assert.ok(lens, 'a Submit lens');
    assert.equal(lens.range.start.line, 0);
    assert.equal(lens.command!.title, `▶ Submit to ${EMULATOR} · 12 requests`);
    assert.equal((lens.command!.arguments?.[0] as vscode.Uri).toString(), uri.toString());
  });

  test('a file over the profile limits is split into parts beside it and submitted as one group', async () => {
    const tag = randomUUID().slice(0, 8);
    const uri = workspaceUri('submit', `over-limit-${tag}.batch.jsonl`);
    // One request more than OpenAI's 50,000 per file (the emulator profile applies OpenAI's limits).
    const lines = Array.from({ length: 50_001 }, (_, index) =>
      JSON.stringify({ custom_id: `${tag}-${index}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], max_tokens: 1 } }),
    );
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${lines.join('\n')}\n`));

    const jobs = submittedJobs(await submit(uri));
    assert.equal(jobs.length, 2);
    assert.ok(jobs[0].groupId && jobs.every((job) => job.groupId === jobs[0].groupId), 'one group');
    assert.deepEqual(
      jobs.map((job) => job.requestCounts.total),
      [50_000, 1],
    );
    for (const [index, job] of jobs.entries()) {
      assert.equal(job.sourceFile, workspaceUri('submit', `over-limit-${tag}.part-${index + 1}-of-2.batch.jsonl`).fsPath);
      assert.ok(api.jobStore.get(EMULATOR, job.id), 'each part is recorded');
    }
  });

  test('the local emulator stops and restarts on a new port with its jobs kept (global storage)', async () => {
    const uri = await uniqueBatchFile('restart');
    const [job] = submittedJobs(await submit(uri));
    const firstUrl = (await api.emulator.start()).baseUrl;
    await vscode.commands.executeCommand('batchStudio.stopEmulator');
    const secondUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
    assert.match(secondUrl, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    assert.equal(await vscode.commands.executeCommand<string>('batchStudio.startEmulator'), secondUrl, 'a running emulator is reused');
    assert.notEqual(secondUrl, firstUrl);
    const provider = await api.providers.provider(EMULATOR);
    assert.equal((await provider.retrieveBatch(job.id)).id, job.id);
  });
});

suite('submit keys and profiles', () => {
  let api: SubmitTestHooks;

  suiteSetup(async () => {
    api = await hooks();
  });

  teardown(async () => {
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', undefined, vscode.ConfigurationTarget.Global);
    await api.profiles.select(EMULATOR);
  });

  test('a workspace-level batchStudio.profiles value has no effect', async () => {
    const settingsUri = workspaceUri('.vscode', 'settings.json');
    const original = await readText(settingsUri).catch(() => undefined);
    const settings = { ...(original ? (JSON.parse(original) as object) : {}) };
    const delay = 123;
    const workspaceSettings = {
      ...settings,
      'batchStudio.profiles': [{ name: 'Workspace Profile', kind: 'openai', baseUrl: 'https://attacker.invalid/v1' }],
      // A window-scoped setting in the same file: its change event says VS Code has read the file.
      'batchStudio.validation.delay': delay,
    };
    await vscode.workspace.fs.createDirectory(workspaceUri('.vscode'));
    const read = waitForEvent(vscode.workspace.onDidChangeConfiguration, (event) => event.affectsConfiguration('batchStudio.validation.delay'));
    await vscode.workspace.fs.writeFile(settingsUri, new TextEncoder().encode(JSON.stringify(workspaceSettings, null, 2)));
    try {
      await read;
      assert.equal(vscode.workspace.getConfiguration('batchStudio').get('validation.delay'), delay);
      assert.equal(api.profiles.get('Workspace Profile'), undefined, 'not offered');
      assert.deepEqual(
        api.profiles.all().map((profile) => profile.name),
        [EMULATOR, 'Emulator: Anthropic (local, no key)', 'Emulator: Gemini (local, no key)', 'OpenAI', 'Anthropic', 'Gemini', 'DeepSeek (direct)', 'Ollama (local)'],
      );
      await assert.rejects(api.profiles.select('Workspace Profile'), /No profile named/);
      assert.equal(api.profiles.active().name, EMULATOR);
    } finally {
      const restored = waitForEvent(vscode.workspace.onDidChangeConfiguration, (event) => event.affectsConfiguration('batchStudio.validation.delay'));
      if (original === undefined) await vscode.workspace.fs.delete(settingsUri);
      else await vscode.workspace.fs.writeFile(settingsUri, new TextEncoder().encode(original));
      await restored;
    }
  });

  test('a profile with no key is told so before the confirmation, so the submit is confirmed once, after the key', async () => {
    const baseUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
    const keyless = 'Keyless gateway';
    const listed = profileListed(api, keyless, true);
    await vscode.workspace.getConfiguration('batchStudio').update('profiles', [{ name: keyless, kind: 'openai', baseUrl }], vscode.ConfigurationTarget.Global);
    await listed;
    await api.profiles.select(keyless);
    // Declining would say `declined`: the answer comes before the question.
    const result = await submit(await uniqueBatchFile('keyless'), { confirm: false });
    assert.equal(result.outcome === 'not-submitted' && result.reason, 'missing-key', JSON.stringify(result));
  });

  test('a key stored for a profile never reaches the log, on success or failure', async () => {
    const baseUrl = await vscode.commands.executeCommand<string>('batchStudio.startEmulator');
    const origin = new URL(baseUrl).origin;
    const compatible = 'Compatible (emulator)';
    const wrongPath = 'Compatible, wrong path';
    const listed = profileListed(api, wrongPath, true);
    await vscode.workspace.getConfiguration('batchStudio').update(
      'profiles',
      [
        { name: compatible, kind: 'openai', baseUrl },
        { name: wrongPath, kind: 'openai', baseUrl: `${origin}/not-an-api/v1` },
      ],
      vscode.ConfigurationTarget.Global,
    );
    await listed;
    // Not shaped like an `sk-` key: only the known-secret redaction can keep this one out of the log.
    const key = `batch-studio-test-key-${randomUUID()}`;
    for (const name of [compatible, wrongPath]) {
      const profile = api.profiles.get(name)!;
      await api.keys.store(profile, key);
      assert.equal((await api.keys.resolve(profile)).source.kind, 'stored');
    }
    const moved = { ...api.profiles.get(compatible)!, baseUrl: 'http://127.0.0.2:9/v1' };
    assert.notEqual((await api.keys.resolve(moved)).apiKey, key, 'the key does not follow the profile to another origin');

    const written = await recordLog(async () => {
      await api.profiles.select(compatible);
      submittedJobs(await submit(await uniqueBatchFile('keyed')));
      await api.profiles.select(wrongPath);
      const failed = await submit(await uniqueBatchFile('keyed-failing'));
      assert.equal(failed.outcome === 'not-submitted' && failed.reason, 'failed', JSON.stringify(failed));
      assert.ok(failed.outcome === 'not-submitted' && !failed.message?.includes(key), 'the message has no key');
    });

    assert.ok(written.some((line) => line.includes(`Submitted keyed-`)), `the success was logged; got:\n${written.join('\n')}`);
    assert.ok(written.some((line) => line.includes('failed')), 'the failure was logged');
    const leaks = written.filter((line) => line.includes(key));
    assert.deepEqual(leaks, [], 'no log line holds the key');
  });
});

/**
 * Everything written to the "Batch Studio" log channel while `run` runs, whatever the channel's level.
 * The extension host gives an extension the same LogOutputChannel object for the same name, so wrapping
 * its methods here sees every call the extension makes.
 */
async function recordLog(run: () => Promise<void>): Promise<string[]> {
  const channel = vscode.window.createOutputChannel('Batch Studio', { log: true }) as unknown as Record<string, unknown>;
  const methods = ['trace', 'debug', 'info', 'warn', 'error', 'append', 'appendLine', 'replace'];
  const originals = new Map(methods.map((method) => [method, channel[method]]));
  const lines: string[] = [];
  for (const method of methods) {
    const original = originals.get(method) as (...args: unknown[]) => void;
    channel[method] = (...args: unknown[]) => {
      lines.push(format(...args));
      original.apply(channel, args);
    };
  }
  try {
    await run();
  } finally {
    for (const [method, original] of originals) channel[method] = original;
  }
  return lines;
}
