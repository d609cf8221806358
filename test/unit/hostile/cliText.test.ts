import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { runCli } from '../cli/support';

const ESCAPES = '\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007';
const HTML = '\n\n<img src=https://evil.example/p.png>\n\n';
/** Any control character but the line feeds that end output lines. */
const RAW_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f]/;

describe('CLI text output of hostile files', () => {
  let folder = '';
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'batch-studio-cli-text-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  function write(name: string, lines: unknown[]): string {
    const file = path.join(folder, name);
    writeFileSync(file, lines.map((line) => JSON.stringify(line)).join('\n') + '\n');
    return file;
  }

  it('validate shows control characters from the file escaped', async () => {
    const file = write('bad.batch.jsonl', [{ custom_id: 'a', method: 'POST', url: `/v1/chat/completions${ESCAPES}`, body: { model: 'm', messages: [] }, [`x${ESCAPES}`]: 1 }]);
    const run = await runCli(['validate', file], {});
    assert.equal(run.code, 1, run.stderr);
    assert.doesNotMatch(run.stdout, RAW_CONTROL, JSON.stringify(run.stdout));
    assert.match(run.stdout, /\\u001b\[2J/);
  });

  it('results (text) shows control characters escaped, and --format markdown renders ids and codes as text', async () => {
    const input = write('in.batch.jsonl', [{ custom_id: `a${ESCAPES}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [] } }]);
    const errors = write('in.errors.jsonl', [
      { id: 'r1', custom_id: `a${ESCAPES}`, response: null, error: { code: `bad${HTML}`, message: `m${ESCAPES}` } },
      { id: 'r2', custom_id: `zz${HTML}`, response: null, error: { code: 'c', message: 'm' } },
    ]);
    const text = await runCli(['results', input, errors], {});
    assert.equal(text.code, 1, text.stderr);
    assert.doesNotMatch(text.stdout, RAW_CONTROL, JSON.stringify(text.stdout));
    const markdown = await runCli(['results', input, errors, '--format', 'markdown'], {});
    assert.equal(markdown.code, 1, markdown.stderr);
    const html = new MarkdownIt({ html: true }).render(markdown.stdout);
    assert.doesNotMatch(html, /<img/);
    assert.doesNotMatch(markdown.stdout, RAW_CONTROL);
  });
});
