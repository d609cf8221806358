import assert from 'node:assert/strict';
import { jobFromMessageBatch } from '../../../src/core/providers/jobFromMessageBatch';
import { apiKeyVariables, capabilitiesFor, emulatorProfileFor, parseProfiles, profileDialect } from '../../../src/core/providers';
import { discountNameForProfile, parseResultLine } from '../../../src/core/results';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support';

describe('Anthropic provider: Message Batch → Job, profiles and keys', () => {
  const batch = (fields: Record<string, unknown>) => ({
    id: 'msgbatch_013Zva2CMHLNnXjNJJKqJ2EF',
    type: 'message_batch',
    processing_status: 'in_progress',
    request_counts: { processing: 100, succeeded: 50, errored: 30, canceled: 10, expired: 10 },
    created_at: '2024-08-20T18:37:24.100435Z',
    expires_at: '2024-08-21T18:37:24.100435Z',
    ended_at: null,
    cancel_initiated_at: null,
    archived_at: null,
    results_url: null,
    ...fields,
  });

  it('maps processing_status and counts (the API reference example batch)', () => {
    const job = jobFromMessageBatch(batch({}), 'Anthropic');
    assert.equal(job.status, 'in_progress');
    assert.deepEqual(job.requestCounts, { total: 200, completed: 50, failed: 50 });
    assert.equal(job.createdAt, Date.parse('2024-08-20T18:37:24.100435Z') / 1000 | 0);
    assert.equal(job.endpoint, '/v1/messages');
    assert.equal(job.outputFileId, undefined);
  });

  it('an ended batch is completed, cancelled when a cancel was asked, expired when every request expired', () => {
    const ended = { processing_status: 'ended', ended_at: '2024-08-21T00:00:00Z', results_url: 'https://api.anthropic.com/v1/messages/batches/x/results' };
    const completed = jobFromMessageBatch(batch({ ...ended, request_counts: { processing: 0, succeeded: 3, errored: 1, canceled: 0, expired: 0 } }), 'p');
    assert.equal(completed.status, 'completed');
    assert.equal(completed.outputFileId, completed.id, 'the results are read by the batch id');
    assert.equal(completed.completedAt, Date.parse('2024-08-21T00:00:00Z') / 1000);
    const cancelled = jobFromMessageBatch(batch({ ...ended, cancel_initiated_at: '2024-08-20T19:00:00Z' }), 'p');
    assert.equal(cancelled.status, 'cancelled');
    const expired = jobFromMessageBatch(batch({ ...ended, request_counts: { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 4 } }), 'p');
    assert.equal(expired.status, 'expired');
    assert.equal(jobFromMessageBatch(batch({ processing_status: 'canceling' }), 'p').status, 'cancelling');
  });

  it('cannot recognise its own batches on the server: no reconciling a lost create', () => {
    const capabilities = capabilitiesFor({ name: 'Anthropic', kind: 'anthropic', baseUrl: 'https://api.anthropic.com' });
    assert.equal(capabilities.dialect, 'anthropic');
    assert.equal(capabilities.keepsSubmissionMetadata, false);
    assert.equal(capabilities.listsServerBatches, true);
    assert.equal(capabilities.limits.maxRequests, 100_000);
  });

  it('prices Anthropic jobs at the Message Batches discount', () => {
    assert.equal(discountNameForProfile({ kind: 'anthropic' }), 'anthropic-batch');
    assert.equal(discountNameForProfile({ kind: 'emulator', dialect: 'anthropic' }), 'anthropic-batch');
    assert.equal(discountNameForProfile({ kind: 'emulator' }), 'batch');
  });

  it('ANTHROPIC_API_KEY only for https://api.anthropic.com', () => {
    assert.deepEqual(apiKeyVariables({ name: 'a', kind: 'anthropic', baseUrl: 'https://api.anthropic.com' }), ['BATCH_STUDIO_API_KEY', 'ANTHROPIC_API_KEY']);
    assert.deepEqual(apiKeyVariables({ name: 'a', kind: 'anthropic', baseUrl: 'http://api.anthropic.com' }), ['BATCH_STUDIO_API_KEY']);
    assert.deepEqual(apiKeyVariables({ name: 'a', kind: 'anthropic', baseUrl: 'https://api.anthropic.com.evil.example' }), ['BATCH_STUDIO_API_KEY']);
    assert.deepEqual(apiKeyVariables({ name: 'a', kind: 'openai', baseUrl: 'https://api.anthropic.com' }), ['BATCH_STUDIO_API_KEY']);
  });

  it('an emulator profile takes the dialect of the file at hand unless it names one', () => {
    const emulator = { name: 'e', kind: 'emulator' as const, baseUrl: 'http://127.0.0.1:1/v1' };
    assert.equal(profileDialect(emulatorProfileFor(emulator, 'anthropic')), 'anthropic');
    assert.equal(profileDialect(emulatorProfileFor(emulator, undefined)), 'openai');
    assert.equal(profileDialect(emulatorProfileFor({ ...emulator, dialect: 'openai' }, 'anthropic')), 'openai');
    assert.equal(profileDialect(emulatorProfileFor({ ...emulator, kind: 'openai' }, 'anthropic')), 'openai');
    assert.deepEqual(parseProfiles([{ name: 'x', kind: 'emulator', baseUrl: 'http://127.0.0.1:9', dialect: 'anthropic' }])[0].dialect, 'anthropic');
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'openai', baseUrl: 'http://127.0.0.1:9', dialect: 'anthropic' }]), /"dialect" is for emulator and direct profiles/);
  });

  it('reads the documented results lines into the common result shape', () => {
    const lines = readFileSync(path.join(repoRoot, 'test/fixtures/dialects/anthropic/guide-results.jsonl'), 'utf8').trim().split('\n');
    const [second, first, third, fourth, fifth] = lines.map((line) => parseResultLine(line)!);
    assert.deepEqual(second, {
      customId: 'my-second-request',
      outcome: 'succeeded',
      text: "Hello again! It's nice to see you. How can I assist you today? Is there anything specific you'd like to chat about or any questions you have?",
      usage: { prompt: 11, completion: 36, cached: 0, reasoning: 0, total: 47 },
      model: 'claude-opus-4-5',
    });
    assert.equal(first.outcome, 'succeeded');
    assert.deepEqual([third.outcome, third.errorCode, third.errorMessage], ['failed', 'invalid_request_error', 'Validation error: max_tokens: Input should be greater than or equal to 1']);
    assert.deepEqual([fourth.outcome, fourth.errorCode], ['failed', 'batch_expired']);
    assert.deepEqual([fifth.outcome, fifth.errorCode], ['failed', 'batch_cancelled']);
  });

  it('counts cache reads as cached prompt tokens', () => {
    const line = JSON.stringify({ custom_id: 'a', result: { type: 'succeeded', message: { model: 'claude-haiku-4-5', content: [{ type: 'text', text: 'hi' }, { type: 'tool_use', name: 'lookup', input: { q: 1 } }], usage: { input_tokens: 5, cache_read_input_tokens: 100, cache_creation_input_tokens: 20, output_tokens: 7 } } } });
    const parsed = parseResultLine(line)!;
    assert.deepEqual(parsed.usage, { prompt: 125, completion: 7, cached: 100, reasoning: 0, total: 132 });
    assert.equal(parsed.text, 'hi\ntool_use: lookup({"q":1})');
  });
});
