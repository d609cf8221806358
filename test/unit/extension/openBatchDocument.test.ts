import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { OpenBatchDocument } from '../../../src/extension/validation/openBatchDocument';

function request(index: number): string {
  return JSON.stringify({ custom_id: `r${index}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(100) }] } });
}

function batch(count: number, prefix = ''): string {
  return Array.from({ length: count }, (_, index) => request(index).replace(`"r${index}"`, `"${prefix}r${index}"`)).join('\n');
}

/** A document whose text the test replaces, as VS Code does when the file changes on disk. */
function fakeDocument(initial: string): { document: vscode.TextDocument; setText(text: string): void } {
  let text = initial;
  const document = { getText: () => text, uri: { toString: () => 'file:///big.batch.jsonl' } } as unknown as vscode.TextDocument;
  return { document, setText: (next) => (text = next) };
}

/** How many event-loop turns pass while `work` runs: 0 when it blocks the extension host throughout. */
async function turnsWhile(work: Promise<unknown>): Promise<number> {
  let done = false;
  let turns = 0;
  const tick = () => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work;
  done = true;
  return turns;
}

describe('OpenBatchDocument (loading a large document without blocking the extension host)', () => {
  it('loads a large document in slices', async () => {
    const { document } = fakeDocument(batch(20_000));
    const entry = new OpenBatchDocument(document, { provider: 'openai' });
    assert.ok((await turnsWhile(entry.whenCurrent())) > 2);
    assert.equal(entry.current().getReport().requests, 20_000);
  });

  it('reloads a whole-text replacement (the file changed on disk) in slices too, and ends up with the new text', async () => {
    const before = batch(20_000);
    const { document, setText } = fakeDocument(before);
    const entry = new OpenBatchDocument(document, { provider: 'openai' });
    await entry.whenCurrent();
    const after = batch(20_000, 'new-');
    setText(after);
    const lines = before.split('\n');
    entry.recordEdit([
      { range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, text: after } as unknown as vscode.TextDocumentContentChangeEvent,
    ]);
    assert.ok((await turnsWhile(entry.whenCurrent())) > 2);
    const validator = entry.current();
    assert.equal(validator.getReport().requests, 20_000);
    assert.deepEqual(validator.linesWithCustomId('new-r5'), [5]);
    assert.deepEqual(validator.linesWithCustomId('r5'), []);
  });

  it('applies small edits incrementally', async () => {
    const text = batch(3);
    const { document, setText } = fakeDocument(text);
    const entry = new OpenBatchDocument(document, { provider: 'openai' });
    await entry.whenCurrent();
    const column = text.split('\n')[2].indexOf('"r2"') + 2;
    setText(text.replace('"r2"', '"r0"'));
    entry.recordEdit([{ range: { start: { line: 2, character: column }, end: { line: 2, character: column + 1 } }, text: '0' } as unknown as vscode.TextDocumentContentChangeEvent]);
    assert.deepEqual((await entry.whenCurrent()).linesWithCustomId('r0'), [0, 2]);
  });
});
