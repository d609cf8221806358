import * as assert from 'node:assert/strict';
import path from 'node:path';
import { alignedDocumentLines, joinResultsByCustomId } from '../../../src/core/results';
import { jsonl, sharedJsonlDir, useTempDir } from './helpers';

const shared = sharedJsonlDir();

/** The real files of ../shared/reference/jsonl, read in place (never copied into the project). */
describe('results: the real reference files', () => {
  if (!shared) {
    it('skipped: ../shared/reference/jsonl is not here');
    return;
  }
  const temp = useTempDir();
  const file = (name: string) => path.join(shared!, name);

  it('go-batch: every request succeeded, in order', async () => {
    const join = await joinResultsByCustomId(file('go-batch__batch_input.jsonl'), file('go-batch__batch_output.jsonl'));
    assert.deepEqual([join.total, join.succeeded, join.missing, join.unknown, join.duplicates], [2, 2, [], [], []]);
    assert.equal(join.results[0].text, 'Hello! How can I assist you today?');
  });

  it('batch-processing (Groq): output order differs from the input, extras ignored, no EOL on the input', async () => {
    const join = await joinResultsByCustomId(file('batch-processing__batch_input.jsonl'), file('batch-processing__batch_output.jsonl'));
    assert.deepEqual(join.results.map((result) => [result.customId, result.status]), [
      ['request-1', 'succeeded'],
      ['request-2', 'succeeded'],
      ['request-3', 'succeeded'],
    ]);
    assert.equal(join.results[0].text, 'The answer to 2+2 is 4.');
    assert.equal(join.results[0].usage.total, 60);
    assert.equal(alignedDocumentLines(join).length, 3);
  });

  it('langbatch chat: 2 answered, 2 failed with integer code 500, 4 missing', async () => {
    const join = await joinResultsByCustomId(file('langbatch__chat_completion_batch.jsonl'), file('langbatch__chat_completion_batch_results.jsonl'));
    assert.deepEqual(join.results.map((result) => result.status), ['succeeded', 'succeeded', 'failed', 'failed', 'missing', 'missing', 'missing', 'missing']);
    assert.deepEqual(join.results.slice(2, 4).map((result) => result.errorCode), ['500', '500']);
    assert.deepEqual(join.missing, ['req-5', 'req-6', 'req-7', 'req-8']);
  });

  it('openai-demo: /v1/responses output text (UTF-8 Japanese)', async () => {
    const join = await joinResultsByCustomId(file('openai-demo__batch_tasks.jsonl'), file('openai-demo__batch_results.jsonl'));
    assert.equal(join.succeeded, 3);
    assert.match(join.results[0].text, /^太陽系の惑星は/);
    assert.equal(join.results[0].usage.total, 133);
  });

  it('langbatch embeddings: dimensions and norm', async () => {
    const join = await joinResultsByCustomId(file('langbatch__embedding_batch.jsonl'), file('langbatch__embedding_batch_results.jsonl'));
    assert.equal(join.succeeded, 3);
    for (const result of join.results) assert.match(result.text, /^embedding: 1,536 dims, norm \d\.\d{4}$/);
  });

  it('Chat-Bot error file: status 400 in the body with a null top-level error is a failure', async () => {
    const input = temp.write('post.jsonl', jsonl({ custom_id: 'post-5897', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'long' } }));
    const join = await joinResultsByCustomId(input, undefined, file('Chat-Bot__error_file.jsonl'));
    assert.equal(join.results[0].status, 'failed');
    assert.equal(join.results[0].statusCode, 400);
    assert.equal(join.results[0].errorCode, 'invalid_request_error');
    assert.match(join.results[0].text, /^invalid_request_error: This model's maximum context length is 8192 tokens/);
  });

  it('Wikipedia-Scraper: 128 real results against an input that is not their pair (unknown ids reported)', async () => {
    const join = await joinResultsByCustomId(file('Wikipedia-Scraper__fish_requests.jsonl'), file('Wikipedia-Scraper__batch_output.jsonl'));
    assert.equal(join.total, 598);
    assert.equal(join.unknown.length, 7);
    assert.equal(join.succeeded + join.unknown.length, 128);
  });

  it('litellm batch_small: duplicated input ids are reported, blank lines kept', async () => {
    const join = await joinResultsByCustomId(file('litellm__batch_small.jsonl'));
    assert.deepEqual(join.duplicateInputIds.sort(), ['request-1', 'request-2', 'request-3']);
    assert.deepEqual(join.missing.sort(), ['request-1', 'request-2', 'request-3']);
    assert.equal(alignedDocumentLines(join).length, join.inputLineCount);
  });
});
