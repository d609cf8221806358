import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readFileLines, type FileLine } from '../../../src/core/jsonl/fileLines';

describe('readFileLines', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'file-lines-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function read(bytes: Buffer | string) {
    const file = path.join(dir, 'lines.jsonl');
    writeFileSync(file, bytes);
    const lines: FileLine[] = [];
    const summary = await readFileLines(file, (line) => lines.push(line));
    return { lines, summary };
  }

  it('splits on \\n, drops the \\r of CRLF, counts every byte', async () => {
    const { lines, summary } = await read('a\r\nb\nc');
    assert.deepEqual(lines.map((line) => line.text), ['a', 'b', 'c']);
    assert.deepEqual(lines.map((line) => line.bytes), [3, 2, 1]);
    assert.deepEqual(summary, { bytes: 6, lines: 3, byteOrderMark: false });
  });

  it('strips a byte-order mark and counts it on line 0', async () => {
    const { lines, summary } = await read('\uFEFFa\n');
    assert.deepEqual(lines.map((line) => line.text), ['a', '']);
    assert.equal(lines[0].bytes, 5);
    assert.equal(summary.byteOrderMark, true);
  });

  it('joins a line that spans chunks (3 MB) and marks invalid UTF-8 only', async () => {
    const long = 'é'.repeat(1_500_000);
    const { lines } = await read(Buffer.concat([Buffer.from(`${long}\n\uFFFD ok\n`), Buffer.from([0x61, 0xc3])]));
    assert.equal(lines[0].text, long);
    assert.equal(lines[1].invalidUtf8Column, undefined);
    assert.equal(lines[2].invalidUtf8Column, 1);
  });

  it('rejects for a missing file', async () => {
    await assert.rejects(readFileLines(path.join(dir, 'nope'), () => undefined), /ENOENT/);
  });
});
