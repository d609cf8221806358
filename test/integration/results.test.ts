import * as assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { RunningEmulator } from '../../src/core/emulator';
import type { Job } from '../../src/core/jobs/job';
import type { JobStoreChange } from '../../src/core/jobs/jobStore';
import type { SubmitCommandResult } from '../../src/extension/submit/submitFromEditor';
import type { SubmitTestHooks } from '../../src/extension/submit/submitTestHooks';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
const RESULTS_SOURCE = 'Batch Studio Results';

interface ShownResults {
  input: vscode.TextEditor;
  results: vscode.TextEditor;
}

function workspaceUri(...segments: string[]): vscode.Uri {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'results-ext', ...segments);
}

/** Copies the paired fixtures into `folder` of the throwaway workspace (retry files are written beside them). */
async function copyPairedFixtures(folder: string): Promise<{ input: vscode.Uri; output: vscode.Uri; errors: vscode.Uri }> {
  const fixtures = vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'test', 'fixtures', 'results-ext');
  const copy = async (name: string) => {
    const target = workspaceUri(folder, name);
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(fixtures, name), target, { overwrite: true });
    return target;
  };
  return { input: await copy('paired.batch.jsonl'), output: await copy('paired.results.jsonl'), errors: await copy('paired.errors.jsonl') };
}

async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

async function openBeside(files: { input: vscode.Uri; output: vscode.Uri; errors?: vscode.Uri }): Promise<ShownResults> {
  await vscode.window.showTextDocument(files.input, { viewColumn: vscode.ViewColumn.One });
  const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResultsBesideInput', files);
  assert.ok(shown, 'Open Results Beside Input shows the pair');
  return shown;
}

function resultsDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === RESULTS_SOURCE);
}

async function diagnosticsWhere(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const changed = waitForEvent(vscode.languages.onDidChangeDiagnostics, (event) => event.uris.some((u) => u.toString() === uri.toString()) && predicate(resultsDiagnostics(uri)), {
    what: `the awaited results diagnostics on ${uri.fsPath}`,
    lastState: () => JSON.stringify(resultsDiagnostics(uri).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${diagnostic.message}`)),
  });
  if (predicate(resultsDiagnostics(uri))) return resultsDiagnostics(uri);
  await changed;
  return resultsDiagnostics(uri);
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((hover) => hover.contents.map((content) => (typeof content === 'string' ? content : content.value))).join('\n');
}

function customIdOf(line: string): string | undefined {
  return line.trim() ? (JSON.parse(line) as { custom_id: string }).custom_id : undefined;
}

/** The aligned line each request of paired.batch.jsonl must show, by custom_id. */
const EXPECTED_LINES: Record<string, RegExp> = {
  a1: /^Paris\.$/,
  a2: /^Here: ¶ ```js ¶ console\.log\(1\) ¶ ```$/,
  a3: /^\[failed 400\] context_length_exceeded: This model's maximum context length/,
  a4: /^4$/,
  a5: /^\[missing\] /,
  a6: /^First answer$/,
  a7: /^\[failed\] batch_expired: /,
  a8: /^<script>alert\("x"\)<\/script> done$/,
};

suite('results side by side', () => {
  let files: { input: vscode.Uri; output: vscode.Uri; errors: vscode.Uri };
  let shown: ShownResults;

  suiteSetup(async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    files = await copyPairedFixtures('paired');
    shown = await openBeside(files);
  });

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('line N of the results is the result of the request on input line N, joined by custom_id', async () => {
    const input = shown.input.document;
    const results = shown.results.document;
    assert.equal(results.uri.scheme, 'batch-results');
    assert.equal(results.lineCount, input.lineCount);
    for (let line = 0; line < input.lineCount; line++) {
      const customId = customIdOf(input.lineAt(line).text);
      const aligned = results.lineAt(line).text;
      if (!customId) {
        assert.equal(aligned, '', `blank input line ${line + 1} has a blank result line`);
        continue;
      }
      assert.match(aligned, EXPECTED_LINES[customId], `line ${line + 1} (${customId})`);
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', results.uri, new vscode.Position(line, 0)));
      // Text appended to a MarkdownString has its Markdown escaped and its spaces as &nbsp;.
      assert.match(hover, new RegExp(`custom\\\\?_id(?:&nbsp;| )${customId}\\b`), `the hover on results line ${line + 1} names ${customId}`);
    }
  });

  test('the results open beside the input and the focus stays on the input', () => {
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), files.input.toString());
    assert.ok((shown.results.viewColumn ?? 0) > (shown.input.viewColumn ?? 0), 'results to the right of the input');
  });

  test('the hover on a result shows its full body as JSON', async () => {
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', shown.results.document.uri, new vscode.Position(2, 3)));
    assert.match(hover, /"status_code": 400/);
    assert.match(hover, /"code": "context_length_exceeded"/);
  });

  test('missing, duplicated and unknown ids are diagnostics on the input', async () => {
    const diagnostics = await diagnosticsWhere(files.input, (found) => found.length >= 3);
    const codes = diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).sort();
    assert.deepEqual(codes, ['result-duplicate@7', 'result-missing@6', 'result-unknown@1']);
    assert.match(diagnostics.find((d) => d.code === 'result-unknown')!.message, /stray<img/);
  });

  test('inlay hints show each request\'s status and tokens, and a hover on custom_id its result', async () => {
    const input = shown.input.document;
    const hints = await vscode.commands.executeCommand<vscode.InlayHint[]>('vscode.executeInlayHintProvider', input.uri, new vscode.Range(0, 0, input.lineCount, 0));
    const labels = new Map(hints.map((hint) => [hint.position.line, typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('')]));
    assert.equal(labels.get(0), '✓ 14 tokens');
    assert.equal(labels.get(2), '✗ 400 context_length_exceeded');
    assert.equal(labels.get(3), undefined, 'no hint on the blank line');
    assert.equal(labels.get(5), '∅ missing');
    assert.equal(labels.get(7), '✗ batch_expired');
    const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', input.uri, new vscode.Position(0, 5)));
    assert.match(hover, /Paris\./);
    assert.match(hover, /command:batchStudio\.goToResult/);
  });

  test('Go to Result, Go to Request and Open Full Result land on the same line', async () => {
    const position = new vscode.Position(6, 0);
    shown.input.selection = new vscode.Selection(position, position);
    const result = await vscode.commands.executeCommand<vscode.TextEditor>('batchStudio.goToResult');
    assert.equal(result.document.uri.toString(), shown.results.document.uri.toString());
    assert.equal(result.selection.active.line, 6);
    const request = await vscode.commands.executeCommand<vscode.TextEditor>('batchStudio.goToRequest', result.document.uri, 8);
    assert.equal(request.document.uri.toString(), files.input.toString());
    assert.equal(request.selection.active.line, 8);
    const full = await vscode.commands.executeCommand<vscode.TextEditor>('batchStudio.openFullResult', files.input.toString(), 2);
    assert.equal(full.document.languageId, 'json');
    const body = JSON.parse(full.document.getText()) as { custom_id: string; response: { status_code: number } };
    assert.equal(body.custom_id, 'a3');
    assert.equal(body.response.status_code, 400);
  });

  test('Retry Failed writes the expired and missing requests byte for byte, leaving out the permanent 400 unless asked', async () => {
    const retry = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.retryFailed', files.input);
    assert.match(retry.path, /\/paired\.retry-1\.batch\.jsonl$/);
    const inputLines = (await readText(files.input)).split('\n');
    assert.equal(await readText(retry), `${[inputLines[5], inputLines[7]].join('\n')}\n`, 'a3 failed with context_length_exceeded: resent unchanged it fails again');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), retry.toString(), 'the retry file is opened');

    const all = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.retryFailed', files.input, { includePermanent: true });
    assert.equal(await readText(all), `${[inputLines[2], inputLines[5], inputLines[7]].join('\n')}\n`);
  });

  test('Export Results writes one CSV row per request', async () => {
    const target = workspaceUri('paired', 'export.csv');
    const written = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.exportResults', files.input, { format: 'csv', target });
    assert.equal(written.toString(), target.toString());
    const rows = (await readText(target)).trimEnd().split(/\r?\n/);
    assert.equal(rows[0], 'line,custom_id,status,status_code,error_code,input,output,prompt_tokens,completion_tokens,cached_tokens,reasoning_tokens,total_tokens');
    assert.equal(rows.length, 1 + 8 + 3, 'a header, eight requests, and three more lines inside a2\'s quoted answer');
    assert.ok(rows.includes('1,a1,succeeded,200,,Capital of France?,Paris.,12,2,0,0,14'), rows.join('\n'));
    assert.ok(rows.some((row) => row.startsWith('6,a5,missing,,,Never answered,,0,0,0,0,0')), rows.join('\n'));
  });

  test('the summary opens as Markdown with counts, errors, tokens, cost and completeness', async () => {
    const summary = await vscode.commands.executeCommand<vscode.TextDocument>('batchStudio.showResultsSummary', files.input);
    const text = summary.getText();
    assert.equal(summary.uri.scheme, 'batch-results-summary');
    assert.match(text, /# Results of paired\.batch\.jsonl/);
    assert.match(text, /\| Succeeded \| 5 \(62\.5%\) \|/);
    assert.match(text, /\| Missing \| 1 \(12\.5%\) \|/);
    assert.match(text, /\| `context_length_exceeded` \| 1 \|/);
    assert.match(text, /\| 55 \| 0 \| 26 \| 0 \| 81 \|/);
    assert.match(text, /## Cost/);
    assert.match(text, /\*\*Missing\*\* \(1\): `a5`/);
  });

  test('an unusable price file leaves the cost out and says which setting to fix', async () => {
    const settings = vscode.workspace.getConfiguration('batchStudio');
    // The extension host sees a written setting once the change event reaches it.
    const applied = waitForEvent(vscode.workspace.onDidChangeConfiguration, (event) => event.affectsConfiguration('batchStudio.results.priceFile'));
    await settings.update('results.priceFile', 'no-such-prices.json', vscode.ConfigurationTarget.Workspace);
    await applied;
    try {
      const notComputed = (document: vscode.TextDocument) => /Not computed: the price file setting/.test(document.getText());
      // The summary is already open from the test before: VS Code reloads its text after the command.
      const reloaded = waitForEvent(vscode.workspace.onDidChangeTextDocument, (event) => event.document.uri.scheme === 'batch-results-summary' && notComputed(event.document));
      const summary = await vscode.commands.executeCommand<vscode.TextDocument>('batchStudio.showResultsSummary', files.input);
      if (!notComputed(summary)) await reloaded;
      assert.doesNotMatch(summary.getText(), /\| \*\*Total\*\* \|/);
    } finally {
      await settings.update('results.priceFile', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});

suite('results scroll together', () => {
  const REQUESTS = 400;

  /** A batch large enough to scroll, answered in reverse order. */
  async function writeLargePair(): Promise<{ input: vscode.Uri; output: vscode.Uri }> {
    const ids = Array.from({ length: REQUESTS }, (_, index) => `r${index}`);
    const input = ids.map((id) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: id } }));
    const output = [...ids].reverse().map((id) =>
      JSON.stringify({ id: `batch_req_${id}`, custom_id: id, response: { status_code: 200, request_id: id, body: { object: 'list', data: [{ object: 'embedding', index: 0, embedding: [0.6, 0.8] }], model: 'text-embedding-3-small', usage: { prompt_tokens: 2, total_tokens: 2 } } }, error: null }),
    );
    const files = { input: workspaceUri('large', 'large.batch.jsonl'), output: workspaceUri('large', 'large.results.jsonl') };
    await vscode.workspace.fs.writeFile(files.input, new TextEncoder().encode(`${input.join('\n')}\n`));
    await vscode.workspace.fs.writeFile(files.output, new TextEncoder().encode(`${output.join('\n')}\n`));
    return files;
  }

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('scrolling the input scrolls its results to the same line, and back', async () => {
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const { input, results } = await openBeside(await writeLargePair());
    assert.match(results.document.lineAt(300).text, /^embedding: 2 dims/);
    const topOf = (editor: vscode.TextEditor) => editor.visibleRanges[0]?.start.line;
    // Revealed "at top", VS Code keeps a few lines above (sticky scroll): compare the two tops, not a number.
    const resultsFollowed = waitForEvent(vscode.window.onDidChangeTextEditorVisibleRanges, (event) => event.textEditor === results && topOf(results) === topOf(input) && topOf(input)! > 200);
    input.revealRange(new vscode.Range(250, 0, 250, 0), vscode.TextEditorRevealType.AtTop);
    await resultsFollowed;
    const inputFollowed = waitForEvent(vscode.window.onDidChangeTextEditorVisibleRanges, (event) => event.textEditor === input && topOf(input) === topOf(results) && topOf(results)! < 120);
    results.revealRange(new vscode.Range(100, 0, 100, 0), vscode.TextEditorRevealType.AtTop);
    await inputFollowed;
  });
});

suite('results end to end through the emulator profile', () => {
  const EMULATOR = 'Emulator (local, no key)';

  interface ResultLine {
    custom_id: string;
    response: { status_code: number } | null;
    error: unknown;
  }

  /** The example with custom_ids tagged so that the emulator's fail rate fails some requests, not all. */
  async function batchWithSomeFailures(emulator: RunningEmulator): Promise<vscode.Uri> {
    const example = await readText(vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'examples', 'summarize-articles.batch.jsonl'));
    const ids = example.split('\n').filter(Boolean).map((line) => customIdOf(line)!);
    assert.ok(emulator.faults.failRate, 'set the fail rate first');
    for (let attempt = 0; attempt < 100; attempt++) {
      const tag = randomUUID().slice(0, 8);
      // The emulator decides a request's failure from the seed and its custom_id alone, so we know it now.
      const failures = ids.filter((id) => emulator.faults.inferenceFailure(`${tag}-${id}`) !== undefined).length;
      if (failures === 0 || failures === ids.length) continue;
      const uri = workspaceUri('e2e', `summarize-${tag}.batch.jsonl`);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(example.replaceAll('"custom_id":"', `"custom_id":"${tag}-`)));
      return uri;
    }
    throw new Error('no tag gave some failures and some successes in 100 attempts');
  }

  /** Resolves with the job once the store holds it finished. */
  async function finished(store: SubmitTestHooks['jobStore'], job: Job): Promise<Job> {
    const done = (candidate: Job | undefined) => candidate !== undefined && candidate.id === job.id && ['completed', 'failed', 'expired', 'cancelled'].includes(candidate.status);
    const changes = (listener: (change: JobStoreChange) => void) => store.onDidChange(listener);
    const changed = waitForEvent(changes as vscode.Event<JobStoreChange>, (change) => change.changed.some(done), {
      what: `job ${job.id} finishing`,
      lastState: () => store.get(job.profile, job.id)?.status ?? 'not in the store',
    });
    const current = store.get(job.profile, job.id);
    if (done(current)) return current!;
    return (await changed).changed.find(done)!;
  }

  async function failedIdsIn(files: Array<string | undefined>): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const file of files) {
      if (!file) continue;
      for (const line of (await readText(vscode.Uri.file(file))).split('\n').filter(Boolean)) {
        const result = JSON.parse(line) as ResultLine;
        if (result.error || !result.response || result.response.status_code >= 400) failed.add(result.custom_id);
      }
    }
    return failed;
  }

  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('submit, wait for completion, Open Results aligns by custom_id, Retry Failed holds exactly the failures', async function () {
    this.timeout(180_000);
    await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    const api = await vscode.commands.executeCommand<SubmitTestHooks>('batchStudio.test.submitHooks');
    await api.profiles.select(EMULATOR);
    const emulator = await api.emulator.start();
    emulator.faults.failRate = 0.3;
    let job: Job;
    let input: vscode.Uri;
    try {
      input = await batchWithSomeFailures(emulator);
      const result = await vscode.commands.executeCommand<SubmitCommandResult>('batchStudio.submit', { uri: input, answers: {} });
      assert.equal(result.outcome, 'submitted', JSON.stringify(result));
      job = await finished(api.jobStore, (result as Extract<SubmitCommandResult, { outcome: 'submitted' }>).jobs[0]);
    } finally {
      emulator.faults.failRate = undefined;
    }
    assert.equal(job.status, 'completed');

    await vscode.window.showTextDocument(input, { viewColumn: vscode.ViewColumn.One });
    const shown = await vscode.commands.executeCommand<ShownResults>('batchStudio.openResults', job);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), input.toString(), 'the input keeps the focus');
    const inputDocument = shown.input.document;
    const results = shown.results.document;
    assert.equal(results.lineCount, inputDocument.lineCount);
    const failed = new Set<string>();
    for (let line = 0; line < inputDocument.lineCount; line++) {
      const customId = customIdOf(inputDocument.lineAt(line).text);
      if (!customId) continue;
      const hover = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', results.uri, new vscode.Position(line, 0)));
      assert.match(hover, new RegExp(`custom\\\\?_id(?:&nbsp;| )${customId}(?:&nbsp;| )`), `results line ${line + 1} belongs to ${customId}`);
      if (results.lineAt(line).text.startsWith('[failed')) failed.add(customId);
    }

    const stem = `${input.fsPath.replace(/\.batch\.jsonl$/, '')}.${job.id.slice(-8)}`;
    const downloaded = [`${stem}.results.jsonl`, job.errorFileId ? `${stem}.errors.jsonl` : undefined];
    assert.deepEqual([...failed].sort(), [...(await failedIdsIn(downloaded))].sort(), 'the failed lines are the failures in the downloaded files');
    assert.ok(failed.size > 0, 'the fail rate failed some requests');

    const retry = await vscode.commands.executeCommand<vscode.Uri>('batchStudio.retryFailed', job);
    const retried = (await readText(retry)).split('\n').filter(Boolean);
    const expected = inputDocument.getText().split('\n').filter((line) => failed.has(customIdOf(line) ?? ''));
    assert.deepEqual(retried, expected);
  });
});
