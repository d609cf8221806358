import * as assert from 'node:assert/strict';
import type { Job } from '../../../src/core/jobs/job';
import type { SplitPlan, SubmissionSummary } from '../../../src/core/submit';
import { UploadProgressTracker, stageMessage } from '../../../src/core/submit/submitProgressText';
import { confirmationDetail, describeExistingJob, formatBytes, isResultsLine, submitLensTitle } from '../../../src/core/submit/submitText';

const summary = {
  file: '/work/reviews.batch.jsonl',
  profile: 'OpenAI',
  sha256: 'a'.repeat(64),
  endpoint: '/v1/chat/completions',
  model: 'gpt-4o-mini',
  requests: 1204,
  bytes: 5_540,
  completionWindow: '24h',
  tokens: { requests: 1204, inputTokens: 150_000, outputTokensMax: 120_400, unboundedRequests: 0, exact: true, notCounted: [] as string[] },
  headroom: { limit: 2_000_000, limitSource: 'usage tier 1 default', active: 1_900_000, activeJobsUncounted: 0, fits: false },
  cost: { currency: 'USD', priceName: 'gpt-4o-mini', discountLabel: 'Batch API', sync: 0.09474, batch: 0.04737 },
} as unknown as SubmissionSummary;

describe('submit texts', () => {
  it('the CodeLens names the profile and the request count', () => {
    assert.equal(submitLensTitle('OpenAI', 1204), '▶ Submit to OpenAI · 1,204 requests');
    assert.equal(submitLensTitle('Emulator (local, no key)', 1), '▶ Submit to Emulator (local, no key) · 1 request');
  });

  it('a results line gets no Submit lens; a request line, or a line that does not parse, does', () => {
    assert.equal(isResultsLine('{"id":"batch_req_1","custom_id":"a","response":{"status_code":200,"body":{}},"error":null}'), true);
    assert.equal(isResultsLine('{"custom_id":"a","method":"POST","url":"/v1/chat/completions","body":{}}'), false);
    assert.equal(isResultsLine('{"custom_id":"a","method":'), false);
    assert.equal(isResultsLine('\uFEFF{"custom_id":"a","error":{"code":"x","message":"y"}}'), true);
  });

  it('sizes read in B, KB and MB', () => {
    assert.equal(formatBytes(512), '512 B');
    assert.equal(formatBytes(5_540), '5.4 KB');
    assert.equal(formatBytes(200 * 1024 * 1024), '200.0 MB');
  });

  it('the confirmation lists profile, endpoint, model, requests, size, window, tokens, batch vs synchronous cost and queue headroom', () => {
    const detail = confirmationDetail(summary, { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1', local: false });
    assert.equal(
      detail,
      [
        'Profile: OpenAI (https://api.openai.com/v1)',
        'Endpoint: /v1/chat/completions',
        'Model: gpt-4o-mini',
        'Requests: 1,204',
        'Size: 5.4 KB',
        'Completion window: 24h',
        'Tokens: 150,000 input (exact), at most 120,400 output',
        'Estimated cost: 0.0474 USD at batch price vs 0.0947 USD synchronous (at most; gpt-4o-mini prices)',
        "Queue: 100,000 of 2,000,000 enqueued tokens free (usage tier 1 default; 1,900,000 held by active jobs): does not fit now: it is sent once active jobs have finished and the queue has room (the provider would fail it with token_limit_exceeded)",
      ].join('\n'),
    );
  });

  it('a split names the limits, the part count and the part file names', () => {
    const split: SplitPlan = {
      limits: { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 },
      parts: [1, 2, 3].map((index) => ({ index, startByte: 0, endByte: 0, requests: 1, tokens: 0, firstLine: index, lastLine: index })),
    };
    const detail = confirmationDetail(summary, { name: 'Emulator', baseUrl: 'http://127.0.0.1:4000/v1', local: true }, split);
    assert.match(detail, /^Profile: Emulator \(local emulator, http:\/\/127\.0\.0\.1:4000\/v1\)$/m);
    assert.match(detail, /over this profile's limits \(50,000 requests or 200\.0 MB per file\)/);
    assert.match(detail, /split into 3 parts, written beside it \(reviews\.part-1-of-3\.batch\.jsonl to …-3-of-3\)/);
  });

  it('an existing job is named by id, status and time', () => {
    const job = { id: 'batch_1', status: 'in_progress', createdAt: Date.UTC(2025, 4, 1, 10, 2) / 1000 } as Job;
    assert.equal(describeExistingJob(job), 'batch batch_1 (in progress, submitted 2025-05-01 10:02 UTC)');
  });
});

describe('UploadProgressTracker', () => {
  it('moves the bar with bytes over all parts, never backwards', () => {
    const tracker = new UploadProgressTracker(1000);
    assert.deepEqual(tracker.step({ stage: 'uploading', part: 1, parts: 2, bytes: 250, totalBytes: 500 }), {
      message: 'Uploading part 1 of 2: 250 B of 500 B',
      increment: 25,
    });
    assert.equal(tracker.step({ stage: 'uploading', part: 1, parts: 2, bytes: 500, totalBytes: 500 }).increment, 25);
    assert.equal(tracker.step({ stage: 'creating', part: 1, parts: 2 }).increment, undefined);
    assert.equal(tracker.step({ stage: 'uploading', part: 2, parts: 2, bytes: 0, totalBytes: 500 }).increment, undefined);
    assert.equal(tracker.step({ stage: 'uploading', part: 2, parts: 2, bytes: 500, totalBytes: 500 }).increment, 50);
  });

  it('says what each stage does, and that create cannot be cancelled', () => {
    assert.equal(stageMessage({ stage: 'uploading', bytes: 2048, totalBytes: 4096 }), 'Uploading: 2.0 KB of 4.0 KB');
    assert.match(stageMessage({ stage: 'creating', part: 1, parts: 1 }), /^Creating the batch \(no longer cancellable/);
    assert.equal(stageMessage({ stage: 'running', requests: 3, totalRequests: 10 }), 'Running requests: 3 of 10');
  });
});
