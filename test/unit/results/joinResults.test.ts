import * as assert from 'node:assert/strict';
import path from 'node:path';
import { joinResultsByCustomId, readResultJson, readResultLine, resultsByLine } from '../../../src/core/results';
import { chatRequest, chatResult, errorResult, fixtures, jsonl, useTempDir } from './helpers';

describe('results: joinResultsByCustomId', () => {
  const temp = useTempDir();

  it('joins shuffled output and error files back into input order (fixture mixed.*)', async () => {
    const join = await joinResultsByCustomId(
      path.join(fixtures, 'mixed.batch.jsonl'),
      path.join(fixtures, 'mixed.results.jsonl'),
      path.join(fixtures, 'mixed.errors.jsonl'),
    );
    assert.deepEqual(
      join.results.map(({ line, customId, status, statusCode, errorCode }) => ({ line, customId, status, statusCode, errorCode })),
      [
        { line: 0, customId: 'q1', status: 'succeeded', statusCode: 200, errorCode: undefined },
        { line: 1, customId: 'q2', status: 'succeeded', statusCode: 200, errorCode: undefined },
        { line: 3, customId: 'q3', status: 'failed', statusCode: 400, errorCode: 'invalid_request_error' },
        { line: 4, customId: 'q4', status: 'failed', statusCode: undefined, errorCode: 'batch_expired' },
        { line: 5, customId: 'q5', status: 'failed', statusCode: undefined, errorCode: '500' },
        { line: 6, customId: 'q6', status: 'missing', statusCode: undefined, errorCode: undefined },
      ],
    );
    assert.deepEqual(
      { total: join.total, succeeded: join.succeeded, failed: join.failed, missing: join.missing, duplicates: join.duplicates, unknown: join.unknown },
      { total: 6, succeeded: 2, failed: 3, missing: ['q6'], duplicates: ['q1'], unknown: ['zz'] },
    );
    assert.equal(join.inputLineCount, 8, 'seven lines and the empty one after the final newline');
    assert.equal(join.results[0].text, 'Hi!', 'the first of two successes is kept');
    assert.equal(join.results[1].text, 'Red, "crimson", or\nscarlet.');
    assert.deepEqual(join.results[1].usage, { prompt: 12, completion: 5, cached: 4, reasoning: 0, total: 17 });
  });

  it('keeps a later success over an earlier failure of the same custom_id', async () => {
    const input = temp.write('dup-in.jsonl', jsonl(chatRequest('a')));
    const output = temp.write('dup-out.jsonl', jsonl(chatResult('a', 'answered')));
    const errors = temp.write('dup-err.jsonl', jsonl(errorResult('a', 'server_error', 'boom')));
    const join = await joinResultsByCustomId(input, errors, output);
    assert.equal(join.results[0].status, 'succeeded');
    assert.deepEqual(join.duplicates, ['a']);
  });

  it('gives each location a byte range that reads back the exact line (BOM, CRLF, non-ASCII)', async () => {
    const lines = [JSON.stringify(chatResult('é', 'ünïcödé')), JSON.stringify(errorResult('b', 'batch_expired', 'late'))];
    const output = temp.write('bom.jsonl', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${lines.join('\r\n')}\r\n`)]));
    const input = temp.write('bom-in.jsonl', jsonl(chatRequest('é'), chatRequest('b')));
    const join = await joinResultsByCustomId(input, output);
    assert.equal(await readResultLine(join.results[0].source!), lines[0]);
    assert.equal(await readResultLine(join.results[1].source!), lines[1]);
    assert.deepEqual(JSON.parse(await readResultJson(join.results[1].source!)), errorResult('b', 'batch_expired', 'late'));
    assert.match(await readResultJson(join.results[1].source!), /^\{\n {2}"id"/);
  });

  it('keeps line numbers across blank lines, and reports unreadable and duplicated input lines', async () => {
    const input = temp.write('odd-in.jsonl', jsonl('', chatRequest('a'), '   ', '{"custom_id": broken', chatRequest('a'), '{"no_id": 1}'));
    const output = temp.write('odd-out.jsonl', jsonl(chatResult('a', 'x'), 'not json', '', '{"id": "no custom_id"}'));
    const join = await joinResultsByCustomId(input, output);
    assert.deepEqual(join.results.map((result) => [result.line, result.customId, result.status]), [
      [1, 'a', 'succeeded'],
      [4, 'a', 'succeeded'],
    ]);
    assert.deepEqual(resultsByLine(join).map((result) => result?.customId), [undefined, 'a', undefined, undefined, 'a', undefined, undefined]);
    assert.deepEqual(join.unreadableInputLines, [3, 5]);
    assert.deepEqual(join.duplicateInputIds, ['a']);
    assert.deepEqual(join.unreadableResultLines.map((location) => location.line), [1, 3]);
    assert.deepEqual(join.duplicates, []);
  });

  it('joins an error file alone (a batch where every request failed has no output file)', async () => {
    const input = temp.write('all-failed-in.jsonl', jsonl(chatRequest('a'), chatRequest('b')));
    const errors = temp.write('all-failed-err.jsonl', jsonl(errorResult('b', 'batch_expired', 'late'), errorResult('a', 'batch_expired', 'late')));
    const join = await joinResultsByCustomId(input, undefined, errors);
    assert.deepEqual(join.results.map((result) => result.errorCode), ['batch_expired', 'batch_expired']);
    assert.equal(join.outputPath, undefined);
  });

  it('lists every input id as missing when there are no results, each once', async () => {
    const input = temp.write('none-in.jsonl', jsonl(chatRequest('a'), chatRequest('b'), chatRequest('a')));
    const join = await joinResultsByCustomId(input);
    assert.deepEqual(join.missing, ['a', 'b']);
    assert.equal(join.results.filter((result) => result.status === 'missing').length, 3);
  });

  it('reads an empty input as no requests', async () => {
    const join = await joinResultsByCustomId(temp.write('empty.jsonl', ''));
    assert.deepEqual([join.total, join.inputLineCount], [0, 1]);
  });

  it('rejects when a file cannot be read, and when aborted', async () => {
    const input = temp.write('abort-in.jsonl', jsonl(chatRequest('a')));
    await assert.rejects(joinResultsByCustomId(input, temp.path('nope.jsonl')), { code: 'ENOENT' });
    await assert.rejects(joinResultsByCustomId(input, undefined, undefined, { signal: AbortSignal.abort() }), { name: 'AbortError' });
  });
});
