import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { waitForEvent } from './waitFor';

const EXTENSION_ID = 'llm-batch-studio.llm-batch-studio';
const SOURCE = 'Batch Studio';

function fixture(name: string): vscode.Uri {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return vscode.Uri.joinPath(extension.extensionUri, 'test', 'fixtures', 'validation-ext', name);
}

/** Copies one of our fixtures into the throwaway workspace, so a test may edit (and save) it freely. */
async function copyToWorkspace(name: string, folder: string): Promise<vscode.Uri> {
  const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'validation-ext', folder, name);
  await vscode.workspace.fs.copy(fixture(name), target, { overwrite: true });
  return target;
}

async function openCopy(name: string, folder: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(await copyToWorkspace(name, folder));
  await vscode.window.showTextDocument(document);
  assert.equal(document.languageId, 'batch-jsonl');
  return document;
}

function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((diagnostic) => diagnostic.source === SOURCE);
}

/** Resolves with our diagnostics for `uri` as soon as they satisfy `predicate` (now or after a change). */
async function diagnosticsWhere(uri: vscode.Uri, predicate: (diagnostics: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const changed = waitForEvent(
    vscode.languages.onDidChangeDiagnostics,
    (event) => event.uris.some((changedUri) => changedUri.toString() === uri.toString()) && predicate(ours(uri)),
    {
      what: `the awaited diagnostics on ${uri.fsPath}`,
      lastState: () => JSON.stringify(ours(uri).map((diagnostic) => `${diagnostic.range.start.line + 1}: ${String(diagnostic.code)}`)),
    },
  );
  const now = ours(uri);
  if (predicate(now)) return now;
  await changed;
  return ours(uri);
}

function has(code: string, line: number) {
  return (diagnostics: vscode.Diagnostic[]) => diagnostics.some((d) => d.code === code && d.range.start.line === line);
}

function lacks(code: string) {
  return (diagnostics: vscode.Diagnostic[]) => !diagnostics.some((d) => d.code === code);
}

function find(diagnostics: vscode.Diagnostic[], code: string, line: number): vscode.Diagnostic {
  const found = diagnostics.find((d) => d.code === code && d.range.start.line === line);
  assert.ok(found, `${code} on line ${line + 1}; got ${diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', ')}`);
  return found;
}

/** The quick fixes offered for `range`, resolved (fix-all actions compute their edits on resolve). */
async function quickFixes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  return vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value, 100);
}

/** Applies the quick fix titled like `title` offered for `code` on `line`. */
async function applyQuickFix(document: vscode.TextDocument, code: string, line: number, title: RegExp): Promise<void> {
  const diagnostic = find(await diagnosticsWhere(document.uri, has(code, line)), code, line);
  const actions = await quickFixes(document.uri, diagnostic.range);
  const action = actions.find((candidate) => title.test(candidate.title));
  assert.ok(action?.edit, `a quick fix ${title} for ${code}; offered: ${actions.map((a) => a.title).join(' | ')}`);
  assert.equal(action.kind?.value, vscode.CodeActionKind.QuickFix.value);
  assert.ok(await vscode.workspace.applyEdit(action.edit));
}

function label(item: vscode.CompletionItem): string {
  return typeof item.label === 'string' ? item.label : item.label.label;
}

async function completionLabels(document: vscode.TextDocument, lineText: string): Promise<string[]> {
  const line = document.lineCount - 1;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, document.lineAt(line).range, lineText);
  assert.ok(await vscode.workspace.applyEdit(edit));
  const list = await vscode.commands.executeCommand<vscode.CompletionList>(
    'vscode.executeCompletionItemProvider',
    document.uri,
    new vscode.Position(line, lineText.length),
  );
  return list.items.map(label);
}

async function hoverText(document: vscode.TextDocument, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
  return hovers
    .flatMap((hover) => hover.contents)
    .map((content) => (typeof content === 'string' ? content : content.value))
    .join('\n');
}

/** The position just inside the first occurrence of `text` on `line`. */
function positionOf(document: vscode.TextDocument, line: number, text: string): vscode.Position {
  const column = document.lineAt(line).text.indexOf(text);
  assert.ok(column >= 0, `"${text}" on line ${line + 1}`);
  return new vscode.Position(line, column + 1);
}

suite('validation diagnostics', () => {
  test('reports each mistake with its stable code on the offending token', async () => {
    const document = await openCopy('mistakes.batch.jsonl', 'diagnostics');
    const diagnostics = await diagnosticsWhere(document.uri, (all) =>
      [has('invalid_method', 1), has('url_mismatch', 2), has('duplicate_custom_id', 3), has('streaming_unsupported', 4), has('model_mismatch', 5), has('blank_line', 6)].every(
        (check) => check(all),
      ),
    );
    const text = (code: string, line: number) => document.getText(find(diagnostics, code, line).range);
    assert.equal(text('invalid_method', 1), '"GET"');
    assert.equal(text('url_mismatch', 2), '"/v1/completions"');
    assert.equal(text('duplicate_custom_id', 3), '"summary-1"');
    assert.match(text('streaming_unsupported', 4), /true$/);
    assert.equal(text('model_mismatch', 5), '"gpt-4o"');
    for (const diagnostic of diagnostics) {
      assert.equal(diagnostic.source, SOURCE);
      assert.equal(typeof diagnostic.code, 'string');
      assert.equal(diagnostic.severity, diagnostic.code === 'blank_line' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error, `${diagnostic.code}`);
      assert.ok(diagnostic.range.start.line !== 0 && diagnostic.range.start.line !== 7, `no finding on the valid lines: ${diagnostic.code}`);
    }
    const related = find(diagnostics, 'duplicate_custom_id', 3).relatedInformation ?? [];
    assert.equal(related.length, 1, 'the duplicate points at the first use');
    assert.equal(related[0].location.uri.toString(), document.uri.toString());
    assert.equal(related[0].location.range.start.line, 0);
    assert.equal(document.getText(related[0].location.range), '"summary-1"');
  });

  test('diagnostics follow edits: a line inserted above moves them, a corrected value clears its finding', async () => {
    const document = await openCopy('mistakes.batch.jsonl', 'edits');
    await diagnosticsWhere(document.uri, has('invalid_method', 1));
    const insert = new vscode.WorkspaceEdit();
    insert.insert(document.uri, new vscode.Position(0, 0), document.lineAt(1).text.replace('"GET"', '"POST"') + '\n');
    assert.ok(await vscode.workspace.applyEdit(insert));
    // Line 2 (was 1) now repeats the new first line's custom_id and still has the wrong method.
    const moved = await diagnosticsWhere(document.uri, (all) => has('invalid_method', 2)(all) && has('duplicate_custom_id', 2)(all) && has('url_mismatch', 3)(all));
    assert.equal(document.getText(find(moved, 'duplicate_custom_id', 2).range), '"summary-2"');
    assert.ok(!has('invalid_method', 1)(moved));

    const correct = new vscode.WorkspaceEdit();
    const method = find(moved, 'invalid_method', 2).range;
    correct.replace(document.uri, method, '"POST"');
    assert.ok(await vscode.workspace.applyEdit(correct));
    const after = await diagnosticsWhere(document.uri, lacks('invalid_method'));
    assert.ok(has('duplicate_custom_id', 2)(after), 'the other findings stay');
  });

  test('a large document (loaded into its validator in slices) is validated whole and follows an edit', async () => {
    const request = (id: string) =>
      JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Summarise ${id}. ${'lorem ipsum '.repeat(40)}` }] } });
    const lines = Array.from({ length: 3000 }, (_, index) => request(`big-${index + 1}`));
    lines.push(request('big-7'));
    const document = await vscode.workspace.openTextDocument({ language: 'batch-jsonl', content: lines.join('\n') + '\n' });
    assert.ok(document.getText().length > 1024 * 1024, 'larger than one slice');
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, document.lineAt(2999).range, request('big-3'));
    assert.ok(await vscode.workspace.applyEdit(edit));
    const diagnostics = await diagnosticsWhere(document.uri, (all) => has('duplicate_custom_id', 3000)(all) && has('duplicate_custom_id', 2999)(all));
    assert.equal(diagnostics.length, 2, diagnostics.map((d) => `${d.code}@${d.range.start.line + 1}`).join(', '));
    assert.equal(find(diagnostics, 'duplicate_custom_id', 3000).relatedInformation?.[0].location.range.start.line, 6);
  });

  test('diagnostics are cleared when the document closes', async () => {
    const document = await vscode.workspace.openTextDocument({ language: 'batch-jsonl', content: '{"custom_id": "a", "method": "GET"}\n' });
    await vscode.window.showTextDocument(document);
    await diagnosticsWhere(document.uri, (all) => all.length > 0);
    const closed = waitForEvent(vscode.workspace.onDidCloseTextDocument, (closedDocument) => closedDocument === document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await closed;
    await diagnosticsWhere(document.uri, (all) => all.length === 0);
  });
});

suite('validation quick fixes', () => {
  test('each single fix edits exactly the offending token, and the file ends up clean', async () => {
    const document = await openCopy('mistakes.batch.jsonl', 'fixes');
    const original = (line: number) => document.lineAt(line).text;

    let expected = original(1).replace('"method": "GET"', '"method": "POST"');
    await applyQuickFix(document, 'invalid_method', 1, /^Set method to "POST"$/);
    assert.equal(document.lineAt(1).text, expected);

    expected = original(2).replace('"url": "/v1/completions"', '"url": "/v1/chat/completions"');
    await applyQuickFix(document, 'url_mismatch', 2, /^Set url to "\/v1\/chat\/completions"$/);
    assert.equal(document.lineAt(2).text, expected);

    expected = original(3).replace('"custom_id": "summary-1"', '"custom_id": "summary-1-2"');
    await applyQuickFix(document, 'duplicate_custom_id', 3, /^Change custom_id to "summary-1-2"$/);
    assert.equal(document.lineAt(3).text, expected);

    expected = original(4).replace('"stream": true, ', '');
    await applyQuickFix(document, 'streaming_unsupported', 4, /^Remove "stream": true$/);
    assert.equal(document.lineAt(4).text, expected);

    expected = original(5).replace('"model": "gpt-4o"', '"model": "gpt-4o-mini"');
    await applyQuickFix(document, 'model_mismatch', 5, /^Set model to "gpt-4o-mini"$/);
    assert.equal(document.lineAt(5).text, expected);

    const lastRequest = original(7);
    await applyQuickFix(document, 'blank_line', 6, /^Remove blank line$/);
    assert.equal(document.lineAt(6).text, lastRequest);

    await diagnosticsWhere(document.uri, (all) => all.length === 0);
  });

  test('"fix all" variants repair every line of their kind without colliding ids', async () => {
    const document = await openCopy('repeated-mistakes.batch.jsonl', 'fix-all');
    const fixAll = async (code: string, title: RegExp) => applyQuickFix(document, code, 2, title);
    await fixAll('invalid_method', /^Set method to "POST" on every line \(2\)$/);
    await fixAll('duplicate_custom_id', /^Make every duplicate custom_id unique \(2\)$/);
    await fixAll('streaming_unsupported', /^Remove "stream": true from every line \(2\)$/);
    await fixAll('model_mismatch', /^Set every model to the file's model \(2\)$/);
    await applyQuickFix(document, 'blank_line', 3, /^Remove every blank line \(2\)$/);
    const request = (id: string, content: string) =>
      `{"custom_id": "${id}", "method": "POST", "url": "/v1/chat/completions", "body": {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "Summarise article ${content}."}]}}`;
    assert.equal(
      document.getText(),
      [request('ticket-1', 'ticket-1'), request('ticket-1-3', 'ticket-1'), request('ticket-1-4', 'ticket-1'), request('ticket-1-2', 'ticket-1-2'), ''].join('\n'),
    );
    await diagnosticsWhere(document.uri, (all) => all.length === 0);
  });

  test('the provider setting applies per workspace, and the byte-order mark fix re-saves the file as UTF-8', async () => {
    const document = await openCopy('byte-order-mark.batch.jsonl', 'bom');
    assert.equal(document.encoding, 'utf8bom');
    const warning = find(await diagnosticsWhere(document.uri, has('utf8_bom', 0)), 'utf8_bom', 0);
    assert.equal(warning.severity, vscode.DiagnosticSeverity.Warning, 'a warning for OpenAI');

    const settings = vscode.workspace.getConfiguration('batchStudio');
    await settings.update('validation.provider', 'azure', vscode.ConfigurationTarget.Workspace);
    try {
      await diagnosticsWhere(document.uri, (all) => all.some((d) => d.code === 'utf8_bom' && d.severity === vscode.DiagnosticSeverity.Error));
    } finally {
      await settings.update('validation.provider', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const diagnostic = find(await diagnosticsWhere(document.uri, (all) => all.some((d) => d.code === 'utf8_bom' && d.severity === vscode.DiagnosticSeverity.Warning)), 'utf8_bom', 0);

    const action = (await quickFixes(document.uri, diagnostic.range)).find((candidate) => /byte-order mark/.test(candidate.title));
    assert.ok(action?.command, 'a quick fix that removes the byte-order mark');
    await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
    await diagnosticsWhere(document.uri, lacks('utf8_bom'));
    const bytes = await vscode.workspace.fs.readFile(document.uri);
    assert.equal(bytes[0], '{'.charCodeAt(0), 'no BOM on disk');
    assert.equal(document.encoding, 'utf8');
  });
});

suite('validation completions and hovers', () => {
  test('completes the envelope keys that are missing, and url and method values', async () => {
    const document = await openCopy('valid.batch.jsonl', 'completions');
    await diagnosticsWhere(document.uri, (all) => all.length === 0);

    const keys = await completionLabels(document, '{"custom_id": "note-3", ');
    for (const key of ['method', 'url', 'body']) assert.ok(keys.includes(key), `key ${key} in ${keys.join(', ')}`);
    assert.ok(!keys.includes('custom_id'), 'a key already on the line is not offered again');

    const urls = await completionLabels(document, '{"custom_id": "note-3", "method": "POST", "url": "');
    assert.equal(urls[0], '"/v1/chat/completions"', "the file's endpoint comes first");
    assert.ok(urls.includes('"/v1/embeddings"') && urls.includes('"/v1/responses"'), urls.join(', '));

    const methods = await completionLabels(document, '{"custom_id": "note-3", "method": "');
    assert.deepEqual(methods.filter((item) => item.startsWith('"')), ['"POST"']);

    const templates = await completionLabels(document, '');
    assert.ok(templates.includes('batch request'), templates.join(', '));
  });

  test('completes the members of Anthropic and Gemini lines, and the keys inside params and request from their schemas', async () => {
    const folder = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'validation-ext', 'dialect-completions');
    const open = async (name: string, line: Record<string, unknown>) => {
      const uri = vscode.Uri.joinPath(folder, name);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`${JSON.stringify(line)}\n`));
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      await diagnosticsWhere(document.uri, (all) => all.length === 0);
      return document;
    };
    const claude = await open('claude.batch.jsonl', { custom_id: 'a', params: { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] } });
    assert.deepEqual((await completionLabels(claude, '{"custom_id": "b", ')).filter((label) => !label.startsWith('"')), ['params']);
    const params = await completionLabels(claude, '{"custom_id": "b", "params": {"');
    assert.ok(['max_tokens', 'system', 'stop_sequences'].every((key) => params.includes(key)), params.join(', '));
    assert.ok(!params.includes('max_completion_tokens'), 'no OpenAI keys in params');

    const gemini = await open('gemini.batch.jsonl', { key: 'a', request: { contents: [{ parts: [{ text: 'Hi' }] }] } });
    assert.ok((await completionLabels(gemini, '')).includes('batch request'));
    const members = (await completionLabels(gemini, '{')).filter((label) => !label.startsWith('"') && label !== 'batch request');
    assert.deepEqual(members.sort(), ['key', 'request']);
    const request = await completionLabels(gemini, '{"key": "b", "request": {"');
    assert.ok(['contents', 'systemInstruction', 'generationConfig'].every((key) => request.includes(key)), request.join(', '));
  });

  test('hovers say where else a custom_id is used and what the url takes', async () => {
    const document = await openCopy('mistakes.batch.jsonl', 'hovers');
    await diagnosticsWhere(document.uri, has('duplicate_custom_id', 3));
    const duplicate = await hoverText(document, positionOf(document, 3, '"summary-1"'));
    assert.match(duplicate, /Also used on line \[1\]/);
    const unique = await hoverText(document, positionOf(document, 1, '"summary-2"'));
    assert.match(unique, /Unique in this file/);
    const url = await hoverText(document, positionOf(document, 0, '"/v1/chat/completions"'));
    assert.match(url, /Chat Completions/);
    assert.match(url, /`messages`/);
  });

  test('hovers show a hostile custom_id and url as text: no image, no link', async () => {
    const document = await openCopy('hostile.batch.jsonl', 'hostile');
    await diagnosticsWhere(document.uri, has('invalid_url', 1));
    const markdown = new MarkdownIt({ html: true });
    for (const [line, text] of [[0, '"a`'], [1, '"/v1/x`']] as const) {
      const hover = await hoverText(document, positionOf(document, line, text));
      assert.ok(hover.length > 0, `a hover on line ${line + 1}`);
      const html = markdown.render(hover);
      assert.doesNotMatch(html, /<img|<a /, html);
    }
  });
});

suite('validation workspace command', () => {
  test('fills Problems for a batch file that is not open', async () => {
    const uri = await copyToWorkspace('unopened-requests.jsonl', 'workspace');
    assert.ok(!vscode.workspace.textDocuments.some((document) => document.uri.toString() === uri.toString()), 'the file is not open');
    const found = diagnosticsWhere(uri, (all) => has('duplicate_custom_id', 1)(all) && has('invalid_method', 1)(all));
    const summary = await vscode.commands.executeCommand<{ files: number; errors: number }>('batchStudio.validateWorkspace');
    const diagnostics = await found;
    assert.ok(summary.files >= 1 && summary.errors >= 2, JSON.stringify(summary));
    assert.equal(diagnostics.find((d) => d.code === 'duplicate_custom_id')?.relatedInformation?.[0].location.range.start.line, 0);
  });
});
