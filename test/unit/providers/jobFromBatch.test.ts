import assert from 'node:assert/strict';
import { jobFromBatch } from '../../../src/core/providers';

describe('providers: jobFromBatch', () => {
  it('reads a batch whose unset fields are null, as the real API sends them', () => {
    const job = jobFromBatch(
      {
        id: 'batch_1',
        object: 'batch',
        endpoint: '/v1/chat/completions',
        errors: null,
        input_file_id: 'file-1',
        completion_window: '24h',
        status: 'failed',
        output_file_id: null,
        error_file_id: null,
        created_at: 1_700_000_000,
        in_progress_at: null,
        failed_at: 1_700_000_010,
        request_counts: { total: 0, completed: 0, failed: 0 },
        usage: null,
        metadata: null,
      },
      'OpenAI',
    );
    assert.deepEqual(job, {
      id: 'batch_1',
      profile: 'OpenAI',
      endpoint: '/v1/chat/completions',
      status: 'failed',
      requestCounts: { total: 0, completed: 0, failed: 0 },
      createdAt: 1_700_000_000,
      failedAt: 1_700_000_010,
      inputFileId: 'file-1',
    });
  });

  it('keeps errors with their lines, usage, and the submission metadata as Job fields', () => {
    const job = jobFromBatch(
      {
        id: 'batch_2',
        endpoint: '/v1/responses',
        status: 'completed',
        created_at: 5,
        request_counts: { total: 2, completed: 1, failed: 1 },
        errors: { object: 'list', data: [{ code: 'model_not_found', message: 'nope', param: 'body.model', line: 3 }] },
        usage: { input_tokens: 10, input_tokens_details: { cached_tokens: 2 }, output_tokens: 4, output_tokens_details: { reasoning_tokens: 1 }, total_tokens: 14 },
        metadata: { sha256: 'h', client_token: 't', group_id: 'g', other: 1 },
      },
      'P',
    );
    assert.deepEqual(job.errors, [{ code: 'model_not_found', message: 'nope', param: 'body.model', line: 3 }]);
    assert.deepEqual(job.usage, { inputTokens: 10, cachedTokens: 2, outputTokens: 4, reasoningTokens: 1, totalTokens: 14 });
    assert.equal(job.sha256, 'h');
    assert.equal(job.clientToken, 't');
    assert.equal(job.groupId, 'g');
    assert.deepEqual(job.metadata, { sha256: 'h', client_token: 't', group_id: 'g' });
  });

  it('does not crash on garbage', () => {
    const job = jobFromBatch('not a batch', 'P');
    assert.equal(job.status, 'validating');
    assert.equal(job.id, '');
  });
});
