import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { failureKind, joinResultsByCustomId, triageFailures, writeRetryFile } from '../../../src/core/results';
import { chatRequest, chatResult, errorResult, jsonl, useTempDir } from './helpers';

function httpFailure(id: string, status: number, code: string, message = 'x'): Record<string, unknown> {
  return { id: `batch_req_${id}`, custom_id: id, response: { status_code: status, request_id: 'r', body: { error: { message, type: 'invalid_request_error', code } } }, error: null };
}

describe('results: which failures a retry resends', () => {
  const temp = useTempDir();

  it('resends 429, 5xx, expired, missing and timeouts; not other 4xx', () => {
    const kind = (statusCode: number | undefined, errorCode: string | undefined, status: 'failed' | 'missing' = 'failed') => failureKind({ status, statusCode, errorCode });
    assert.equal(kind(429, 'rate_limit_exceeded'), 'retryable');
    assert.equal(kind(500, 'server_error'), 'retryable');
    assert.equal(kind(503, undefined), 'retryable');
    assert.equal(kind(408, undefined), 'retryable');
    assert.equal(kind(undefined, 'batch_expired'), 'retryable');
    assert.equal(kind(undefined, 'request_timeout'), 'retryable');
    assert.equal(kind(undefined, undefined, 'missing'), 'retryable');
    assert.equal(kind(undefined, '503'), 'retryable', 'an integer code some tools write');
    assert.equal(kind(400, 'invalid_value'), 'permanent');
    assert.equal(kind(400, 'context_length_exceeded'), 'permanent');
    assert.equal(kind(404, 'model_not_found'), 'permanent');
    assert.equal(kind(undefined, 'context_length_exceeded'), 'permanent');
    assert.equal(kind(undefined, 'http_422'), 'permanent');
    assert.equal(kind(undefined, 'something_new'), 'retryable', 'nothing shows the request is at fault');
  });

  it('writes only the retryable requests by default; all of them when asked', async () => {
    const input = temp.write('mixed.batch.jsonl', jsonl(...['ok', 'busy', 'bad', 'late', 'long', 'gone'].map((id) => chatRequest(id))));
    const output = temp.write(
      'mixed.results.jsonl',
      jsonl(chatResult('ok', 'fine'), httpFailure('busy', 429, 'rate_limit_exceeded'), httpFailure('bad', 400, 'invalid_value', 'Invalid value for temperature'), httpFailure('long', 400, 'context_length_exceeded')),
    );
    const errors = temp.write('mixed.errors.jsonl', jsonl(errorResult('late', 'batch_expired', 'late')));
    const join = await joinResultsByCustomId(input, output, errors);
    const triage = triageFailures(join);
    assert.deepEqual(triage.retryable.map((result) => result.customId), ['busy', 'late', 'gone']);
    assert.deepEqual(triage.permanent.map((result) => [result.customId, result.line]), [['bad', 2], ['long', 4]]);

    const retry = await writeRetryFile(join);
    assert.deepEqual(retry?.lines, [1, 3, 5]);
    assert.deepEqual(readFileSync(retry!.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line).custom_id), ['busy', 'late', 'gone']);

    const all = await writeRetryFile(join, [...triage.retryable, ...triage.permanent]);
    assert.deepEqual(all?.lines, [1, 2, 3, 4, 5], 'in input order');
  });

  it('writes nothing when every failure is permanent', async () => {
    const input = temp.write('perm.batch.jsonl', jsonl(chatRequest('bad')));
    const join = await joinResultsByCustomId(input, temp.write('perm.results.jsonl', jsonl(httpFailure('bad', 400, 'invalid_value'))));
    assert.equal(await writeRetryFile(join), undefined);
  });

  it("triages Anthropic's result types: expired, canceled and server errors are resent, a bad request is not", async () => {
    const ids = ['ok', 'bad', 'server', 'busy', 'late', 'stopped', 'model'];
    const input = temp.write('claude.batch.jsonl', jsonl(...ids.map((id) => ({ custom_id: id, params: { model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: id }] } }))));
    const errored = (id: string, type: string) => ({ custom_id: id, result: { type: 'errored', error: { type: 'error', error: { type, message: `${type} happened` } } } });
    const results = temp.write(
      'claude.results.jsonl',
      jsonl(
        { custom_id: 'ok', result: { type: 'succeeded', message: { id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'fine' }], usage: { input_tokens: 3, output_tokens: 1 } } } },
        errored('bad', 'invalid_request_error'),
        errored('server', 'api_error'),
        errored('busy', 'overloaded_error'),
        { custom_id: 'late', result: { type: 'expired' } },
        { custom_id: 'stopped', result: { type: 'canceled' } },
        errored('model', 'not_found_error'),
      ),
    );
    const triage = triageFailures(await joinResultsByCustomId(input, results));
    assert.deepEqual(triage.retryable.map((result) => result.customId), ['server', 'busy', 'late', 'stopped']);
    assert.deepEqual(triage.permanent.map((result) => result.customId), ['bad', 'model']);
  });
});
