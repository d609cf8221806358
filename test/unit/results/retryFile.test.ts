import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { joinResultsByCustomId, retryFilePath, writeRetryFile } from '../../../src/core/results';
import { chatRequest, chatResult, errorResult, jsonl, useTempDir } from './helpers';

describe('results: retry file', () => {
  const temp = useTempDir();

  it('holds exactly the failed, expired and missing requests as their original bytes, in input order', async () => {
    // Odd spacing, CRLF, non-ASCII and a final line without EOL must all survive byte for byte.
    const lines = [
      JSON.stringify(chatRequest('ok')),
      '{ "custom_id" : "failed",  "method":"POST","url":"/v1/chat/completions","body":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"ü"}]}}',
      JSON.stringify(chatRequest('expired', 'café ☕')),
      '',
      JSON.stringify(chatRequest('missing')),
    ];
    const input = temp.write('data.batch.jsonl', Buffer.from(`\uFEFF${lines[0]}\n${lines[1]}\r\n${lines[2]}\n${lines[3]}\n${lines[4]}`));
    const output = temp.write('data.results.jsonl', jsonl(chatResult('ok', 'fine'), { custom_id: 'failed', response: { status_code: 500, body: { error: { message: 'x', type: 'server_error' } } }, error: null }));
    const errors = temp.write('data.errors.jsonl', jsonl(errorResult('expired', 'batch_expired', 'late')));
    const join = await joinResultsByCustomId(input, output, errors);
    const retry = await writeRetryFile(join);
    assert.equal(retry?.path, temp.path('data.retry-1.batch.jsonl'));
    assert.deepEqual(retry?.lines, [1, 2, 4]);
    assert.equal(retry?.requests, 3);
    assert.equal(readFileSync(retry!.path, 'utf8'), `${lines[1]}\r\n${lines[2]}\n${lines[4]}`);

    const second = await writeRetryFile(join);
    assert.equal(second?.path, temp.path('data.retry-2.batch.jsonl'), 'the next free number');
    assert.equal(readFileSync(second!.path, 'utf8'), readFileSync(retry!.path, 'utf8'));
  });

  it('numbers a retry of a retry on from the original name', () => {
    assert.equal(retryFilePath('/x/data.retry-2.batch.jsonl', 3), path.join('/x', 'data.retry-3.batch.jsonl'));
    assert.equal(retryFilePath('/x/plain.jsonl', 1), path.join('/x', 'plain.retry-1.batch.jsonl'));
  });

  it('writes nothing when every request succeeded', async () => {
    const input = temp.write('fine.batch.jsonl', jsonl(chatRequest('a')));
    const join = await joinResultsByCustomId(input, temp.write('fine.results.jsonl', jsonl(chatResult('a', 'ok'))));
    assert.equal(await writeRetryFile(join), undefined);
    assert.equal(existsSync(temp.path('fine.retry-1.batch.jsonl')), false);
  });
});
