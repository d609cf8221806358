import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  DocumentTokenEstimate,
  enqueuedTokenLimitFor,
  estimateCost,
  FileTokenTotals,
  queueHeadroom,
  countRequestTokens,
  tokenizerForModel,
} from '../../../src/core/estimate';
import type { Job } from '../../../src/core/jobs/job';
import { parseProfiles } from '../../../src/core/providers';
import type { PriceTable } from '../../../src/core/results';
import { BatchDocumentValidator, validateBatchText } from '../../../src/core/validation';
import { repoRoot } from '../validation/helpers';

function line(id: string, content: string, extra: Record<string, unknown> = {}, model = 'gpt-4o-mini'): string {
  return JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model, max_tokens: 100, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content }], ...extra } });
}

function tokensOf(text: string, extra: Record<string, unknown> = {}): number {
  return countRequestTokens('/v1/chat/completions', { model: 'gpt-4o-mini', max_tokens: 100, messages: [{ role: 'system', content: 'You are terse.' }, { role: 'user', content: text }], ...extra }, tokenizerForModel('gpt-4o-mini')).input;
}

function job(id: string, status: Job['status'], estimatedInputTokens?: number, profile = 'OpenAI'): Job {
  return { id, profile, endpoint: '/v1/chat/completions', model: 'gpt-4o-mini-2024-07-18', status, requestCounts: { total: 1, completed: 0, failed: 0 }, createdAt: 1, estimatedInputTokens };
}

describe('estimate: files, cost, headroom, context', () => {
  it('keeps document totals incremental: an edited line is taken out and re-counted, nothing else', () => {
    const validator = new BatchDocumentValidator({ provider: 'openai' });
    validator.setText([line('a', 'one'), line('b', 'two two'), line('c', 'three')].join('\n'));
    const estimate = new DocumentTokenEstimate(validator);
    assert.equal(estimate.countPending(2), false);
    assert.equal(estimate.countPending(), true);
    assert.equal(estimate.fileTokens().inputTokens, tokensOf('one') + tokensOf('two two') + tokensOf('three'));
    validator.applyEdit(1, 1, line('b', 'a much longer second question than before'));
    assert.equal(estimate.pendingLines, 1);
    estimate.countPending();
    const totals = estimate.fileTokens();
    assert.equal(totals.inputTokens, tokensOf('one') + tokensOf('a much longer second question than before') + tokensOf('three'));
    assert.deepEqual([totals.requests, totals.outputTokensMax, totals.unboundedRequests, totals.exact], [3, 300, 0, true]);
    assert.deepEqual(totals.sharedPrefix, { requests: 3, tokens: 3 + tokenizerForModel('gpt-4o').count('system') + tokenizerForModel('gpt-4o').count('You are terse.') });
  });

  it('counts Anthropic requests as their chat equivalent, approximately (Claude\'s tokenizer is not public), images named as not counted', () => {
    const claude = (id: string, content: unknown) => JSON.stringify({ custom_id: id, params: { model: 'claude-haiku-4-5', max_tokens: 50, system: 'You are terse.', messages: [{ role: 'user', content }] } });
    const validator = new BatchDocumentValidator({ provider: 'openai' });
    validator.setText([claude('a', 'one'), claude('b', [{ type: 'text', text: 'two two' }, { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } }])].join('\n'));
    const estimate = new DocumentTokenEstimate(validator);
    estimate.countPending();
    const totals = estimate.fileTokens();
    const o200k = tokenizerForModel('gpt-4o');
    // Chat framing: 3 per message, 3 priming; the system prompt as a first message.
    const system = 3 + o200k.count('system') + o200k.count('You are terse.');
    const user = (text: string) => 3 + o200k.count('user') + o200k.count(text);
    assert.equal(totals.inputTokens, system + user('one') + 3 + system + user('two two') + 3);
    assert.deepEqual([totals.requests, totals.outputTokensMax, totals.exact, totals.notCounted], [2, 100, false, ['images']]);
  });

  it('flags requests without an output bound', () => {
    const totals = new FileTokenTotals();
    totals.add({ input: 10, outputBound: undefined, exact: true, notCounted: [] });
    totals.add({ input: 5, outputBound: 7, exact: false, notCounted: ['images'] });
    assert.deepEqual(totals.totals(), { requests: 2, inputTokens: 15, outputTokensMax: 7, unboundedRequests: 1, exact: false, notCounted: ['images'] });
  });

  it('prices input and the output bound at synchronous and batch prices, and what caching a long shared prefix saves', () => {
    const prices: PriceTable = { currency: 'USD', timeOfDayRates: [], discounts: { batch: { rate: 0.5, label: 'Batch' } }, models: { 'gpt-4o-mini': { input: 0.15, cachedInput: 0.075, output: 0.6 } } };
    const cost = estimateCost({ requests: 1000, inputTokens: 2_000_000, outputTokensMax: 100_000, unboundedRequests: 0, exact: true, notCounted: [], sharedPrefix: { requests: 1000, tokens: 1500 } }, 'gpt-4o-mini-2024-07-18', prices, 'batch');
    assert.ok(cost);
    assert.equal(cost.sync.toFixed(6), (0.3 + 0.06).toFixed(6));
    assert.equal(cost.batch.toFixed(6), (0.18).toFixed(6));
    // 999 requests read 1,500 cached tokens each at 0.075 less, at the batch discount.
    assert.equal(cost.cachingSaving?.toFixed(8), ((999 * 1500 * 0.075) / 1e6 / 2).toFixed(8));
    assert.equal(estimateCost({ requests: 1, inputTokens: 1, outputTokensMax: 0, unboundedRequests: 0, exact: true, notCounted: [] }, 'unknown-model', prices, 'batch'), undefined);
  });

  it('takes the enqueued-token limit from the profile, else the usage tier default (OpenAI and the emulator only)', () => {
    const [tier1, tier2, own, perModel, azure] = parseProfiles([
      { name: 'a', kind: 'openai', baseUrl: 'https://api.openai.com/v1' },
      { name: 'b', kind: 'openai', baseUrl: 'https://api.openai.com/v1', usageTier: 2 },
      { name: 'c', kind: 'emulator', baseUrl: 'http://127.0.0.1/v1', enqueuedTokenLimit: 500 },
      { name: 'd', kind: 'openai', baseUrl: 'https://api.openai.com/v1', enqueuedTokenLimit: { 'gpt-4o-mini': 1234 } },
      { name: 'e', kind: 'azure', baseUrl: 'https://x.openai.azure.com' },
    ]);
    assert.deepEqual(enqueuedTokenLimitFor(tier1, 'gpt-4o-mini-2024-07-18'), { limit: 2_000_000, source: 'usage tier 1 default' });
    assert.deepEqual(enqueuedTokenLimitFor(tier1, 'gpt-4o'), { limit: 90_000, source: 'usage tier 1 default' });
    assert.equal(enqueuedTokenLimitFor(tier2, 'gpt-4o-mini')?.limit, 20_000_000);
    assert.deepEqual(enqueuedTokenLimitFor(own, 'anything'), { limit: 500, source: 'profile' });
    assert.equal(enqueuedTokenLimitFor(perModel, 'gpt-4o-mini')?.limit, 1234);
    assert.equal(enqueuedTokenLimitFor(azure, 'gpt-4o-mini'), undefined);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'openai', baseUrl: 'https://api.openai.com/v1', usageTier: 9 }]), /usageTier/);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'openai', baseUrl: 'https://api.openai.com/v1', enqueuedTokenLimit: -1 }]), /enqueuedTokenLimit/);
  });

  it("counts this machine's active jobs on the profile and model against the limit", () => {
    const profile = { name: 'OpenAI', kind: 'openai' as const, enqueuedTokenLimit: 1000 };
    const jobs = [job('1', 'in_progress', 600), job('2', 'completed', 900), job('3', 'validating'), job('4', 'in_progress', 300, 'Other')];
    assert.deepEqual(queueHeadroom(profile, 'gpt-4o-mini', jobs, 400), { limit: 1000, limitSource: 'profile', active: 600, activeJobsUncounted: 1, fits: true });
    assert.equal(queueHeadroom(profile, 'gpt-4o-mini', jobs, 401).fits, false);
  });

  it('reports context_length_exceeded on the line when input plus the output bound exceeds the window', () => {
    const long = 'word '.repeat(8000);
    const text = [line('ok', 'short'), line('over', long, { max_tokens: 200 }, 'gpt-4'), line('approx', 'x '.repeat(130_000), {}, 'deepseek-chat')].join('\n');
    const found = validateBatchText(text, { provider: 'generic' }).diagnostics.filter((d) => d.code === 'context_length_exceeded');
    assert.deepEqual(found.map((d) => [d.line, d.severity, d.param]), [[1, 'error', 'body.max_tokens'], [2, 'warning', 'body.messages']]);
    assert.match(found[0].message, /8,0\d\d input tokens \+ 200 from max_tokens, over gpt-4's context window of 8,192 tokens/);
  });

  it('counts low-detail images against the window although their JSON is short (gpt-4o-mini: 2,833 tokens each)', () => {
    const image = { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } };
    const request = (images: number) =>
      JSON.stringify({ custom_id: `i${images}`, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: Array.from({ length: images }, () => image) }] } });
    const found = validateBatchText([request(40), request(46)].join('\n'), { provider: 'openai' }).diagnostics.filter((d) => d.code === 'context_length_exceeded');
    // 40 images are 113,320 tokens (under 128,000), 46 are 130,318 (over).
    assert.deepEqual(found.map((d) => d.line), [1]);
  });

  describe('batch-studio estimate (CLI)', () => {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    let dir: string;
    before(() => {
      dir = mkdtempSync(path.join(os.tmpdir(), 'batch-estimate-'));
    });
    after(() => rmSync(dir, { recursive: true, force: true }));

    function run(file: string, ...args: string[]) {
      const env = { ...process.env, BATCH_STUDIO_DATA_DIR: dir, BATCH_STUDIO_PROFILES: '' };
      const result = spawnSync(process.execPath, [cli, 'estimate', file, ...args], { encoding: 'utf8', env });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    }

    it('prints the JSON contract and exits 0 for a valid file that fits', () => {
      const file = path.join(dir, 'ok.batch.jsonl');
      writeFileSync(file, `${[line('a', 'one'), line('b', 'two two')].join('\n')}\n`);
      const { code, stdout } = run(file, '--format', 'json');
      assert.equal(code, 0);
      assert.deepEqual(JSON.parse(stdout).files[0], {
        path: file,
        model: 'gpt-4o-mini',
        endpoint: '/v1/chat/completions',
        requests: 2,
        input_tokens: tokensOf('one') + tokensOf('two two'),
        output_tokens_max: 200,
        unbounded_requests: 0,
        exact: true,
        not_counted: [],
        shared_prefix: { requests: 2, tokens: tokensOf('') - 3 - 3 - tokenizerForModel('gpt-4o').count('user'), caching_saving: null },
        cost: { currency: 'USD', batch: ((tokensOf('one') + tokensOf('two two')) * 0.15 + 200 * 0.6) / 1e6 / 2, sync: ((tokensOf('one') + tokensOf('two two')) * 0.15 + 200 * 0.6) / 1e6 },
        enqueued: { limit: 2_000_000, active: 0, fits: true },
        context_errors: 0,
      });
    });

    it('exits 1 when a request is over the context window or the file does not fit the queue', () => {
      const over = path.join(dir, 'over.batch.jsonl');
      writeFileSync(over, `${line('a', 'word '.repeat(9000), {}, 'gpt-4')}\n`);
      const result = run(over, '--format', 'json');
      assert.equal(result.code, 1);
      assert.equal(JSON.parse(result.stdout).files[0].context_errors, 1);
      const profiles = path.join(dir, 'profiles.json');
      writeFileSync(profiles, JSON.stringify([{ name: 'Tiny', kind: 'openai', baseUrl: 'https://api.openai.com/v1', enqueuedTokenLimit: 10 }]));
      const ok = path.join(dir, 'ok.batch.jsonl');
      const tiny = run(ok, '--profiles', profiles);
      assert.equal(tiny.code, 1);
      assert.match(tiny.stdout, /of 10 \(profile\): does not fit/);
    });

    it('exits 2 with one line on stderr for a missing file', () => {
      const { code, stderr } = run(path.join(dir, 'missing.jsonl'));
      assert.equal(code, 2);
      assert.match(stderr, /^batch-studio estimate: cannot read .*missing\.jsonl: no such file\n$/);
    });
  });
});
