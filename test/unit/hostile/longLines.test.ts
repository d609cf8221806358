import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineTooLongError, MAX_LINE_BYTES, readFileLines } from '../../../src/core/jsonl/fileLines';
import { joinResultsByCustomId } from '../../../src/core/results';
import { validateBatchFile } from '../../../src/core/validation';
import { runCli } from '../cli/support';

const REQUEST = '{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{"model":"m","messages":[{"role":"user","content":"hi"}]}}\n';

/** `firstLine`, then `bytes` of one line with no newline, written in 1 MiB pieces. */
function writeEndlessLine(file: string, firstLine: string, bytes: number): string {
  const fd = openSync(file, 'w');
  writeSync(fd, firstLine);
  const piece = Buffer.alloc(2 ** 20, 'x');
  for (let written = 0; written < bytes; written += piece.length) writeSync(fd, piece);
  closeSync(fd);
  return file;
}

describe('a line with no end', () => {
  let folder = '';
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'batch-studio-long-line-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  it('is refused as soon as it passes the cap, naming its line, before it is ever held whole', async () => {
    const file = writeEndlessLine(path.join(folder, 'small-cap.jsonl'), REQUEST, 8 * 2 ** 20);
    const seen: number[] = [];
    await assert.rejects(
      readFileLines(file, (_line, index) => seen.push(index), 2 ** 20),
      (error: unknown) => error instanceof LineTooLongError && error.line === 2,
    );
    assert.deepEqual(seen, [0], 'the long line is never handed over');
  });

  it('validation, the results join and the CLI refuse a file with a line over 64 MB', async function () {
    this.timeout(60_000);
    const file = writeEndlessLine(path.join(folder, 'endless.batch.jsonl'), REQUEST, MAX_LINE_BYTES + 2 ** 20);
    await assert.rejects(validateBatchFile(file, { provider: 'openai' }), /line 2 of .*endless\.batch\.jsonl is longer than 64 MB/);
    const input = path.join(folder, 'input.batch.jsonl');
    writeEndlessLine(input, REQUEST, 0);
    await assert.rejects(joinResultsByCustomId(input, file), LineTooLongError);
    const validate = await runCli(['validate', file], {});
    assert.equal(validate.code, 2, validate.stderr);
    assert.match(validate.stderr, /line 2 .*longer than 64 MB/);
    assert.equal(validate.stderr.trim().split('\n').length, 1);
    const results = await runCli(['results', input, file], {});
    assert.equal(results.code, 2, results.stderr);
    assert.match(results.stderr, /line 2 .*longer than 64 MB/);
  });
});
