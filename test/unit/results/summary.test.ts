import * as assert from 'node:assert/strict';
import path from 'node:path';
import {
  joinResultsByCustomId,
  loadPriceTable,
  PriceTableError,
  renderSummaryMarkdown,
  summarizeResults,
  type PriceTable,
  type ResultsJoin,
} from '../../../src/core/results';
import MarkdownIt from 'markdown-it';
import { errorResult, fixtures, jsonl, useTempDir, chatRequest } from './helpers';

describe('results: summary', () => {
  let join: ResultsJoin;
  let prices: PriceTable;
  before(async () => {
    join = await joinResultsByCustomId(
      path.join(fixtures, 'mixed.batch.jsonl'),
      path.join(fixtures, 'mixed.results.jsonl'),
      path.join(fixtures, 'mixed.errors.jsonl'),
    );
    prices = await loadPriceTable();
  });

  it('counts by status and error code, sums tokens, and averages over succeeded requests', () => {
    const summary = summarizeResults(join);
    assert.deepEqual(summary.byStatus, { succeeded: 2, failed: 3, missing: 1 });
    assert.equal(summary.successRate, 2 / 6);
    assert.deepEqual(summary.byErrorCode, [
      { code: '500', count: 1 },
      { code: 'batch_expired', count: 1 },
      { code: 'invalid_request_error', count: 1 },
    ]);
    assert.deepEqual(summary.usage, { prompt: 24, completion: 10, cached: 8, reasoning: 0, total: 34 });
    assert.deepEqual(summary.averageTokensPerRequest, { prompt: 12, completion: 5, total: 17 });
    assert.equal(summary.durationSeconds, undefined);
    assert.equal(summary.throughput, undefined);
    assert.equal(summary.cost, undefined);
  });

  it('takes duration and throughput from the job timestamps', () => {
    const summary = summarizeResults(join, { job: { createdAt: 1000, inProgressAt: 1010, completedAt: 1020 } });
    assert.equal(summary.durationSeconds, 10);
    assert.deepEqual(summary.throughput, { requestsPerSecond: 0.5, tokensPerSecond: 3.4 });
  });

  it('prefers the run time the provider reports (processing_time): a run within one second has a duration', () => {
    const summary = summarizeResults(join, { job: { createdAt: 1000, inProgressAt: 1000, completedAt: 1000, processingTimeSeconds: 0.4 } });
    assert.equal(summary.durationSeconds, 0.4);
    assert.deepEqual(summary.throughput, { requestsPerSecond: 12.5, tokensPerSecond: 85 });
    assert.match(renderSummaryMarkdown(summary), /^\| Duration \| 0\.4 s \|$/m);
  });

  it('prices tokens per model (cached input at its own price) and the saving at the chosen discount', () => {
    // gpt-4o-mini: input 0.15, cached 0.075, output 0.60 per 1M; 16 uncached + 8 cached prompt, 10 output.
    const synchronous = (16 * 0.15 + 8 * 0.075 + 10 * 0.6) / 1e6;
    const batch = summarizeResults(join, { prices }).cost!;
    assert.equal(batch.byModel[0].priceName, 'gpt-4o-mini');
    assert.ok(Math.abs(batch.synchronous - synchronous) < 1e-15);
    assert.ok(Math.abs(batch.batch - synchronous * 0.5) < 1e-15);
    const seedFiles = summarizeResults(join, { prices, discount: 'seed-files' }).cost!;
    assert.ok(Math.abs(seedFiles.saving - synchronous * 0.3) < 1e-15);
    assert.equal(seedFiles.discount.label, 'Seed file batch: 30% off');
    assert.throws(() => summarizeResults(join, { prices, discount: 'nope' }), PriceTableError);
  });

  it('renders Markdown with counts, errors, tokens, cost and completeness, escaping file text', () => {
    const markdown = renderSummaryMarkdown(summarizeResults(join, { prices }), 'Results of mixed|batch');
    assert.match(markdown, /^# Results of mixed\\\|batch\n/);
    assert.match(markdown, /\| Succeeded \| 2 \(33\.3%\) \|/);
    assert.match(markdown, /\| `batch_expired` \| 1 \|/);
    assert.match(markdown, /\| 24 \| 8 \| 10 \| 0 \| 34 \|/);
    assert.match(markdown, /\| gpt-4o-mini-2024-07-18 \| gpt-4o-mini \| 2 \|/);
    assert.match(markdown, /- \*\*Missing\*\* \(1\): `q6`/);
    assert.match(markdown, /- \*\*Duplicated in the results\*\* \(1\): `q1`/);
    assert.match(markdown, /- \*\*Unknown to the input\*\* \(1\): `zz`/);
    assert.match(markdown, /\| Duration \| unknown \|/);
  });

  describe('with hostile ids and codes', () => {
    const temp = useTempDir();
    it('escapes an error code and an unknown custom_id that carry newlines and HTML', async () => {
      const attack = 'x\n\n<img src=https://evil.example/p.png>\n\n';
      const input = temp.write('in.batch.jsonl', jsonl(chatRequest('a')));
      const errors = temp.write('in.errors.jsonl', jsonl(errorResult('a', attack, 'm'), errorResult(attack, 'c', 'm')));
      const markdown = renderSummaryMarkdown(summarizeResults(await joinResultsByCustomId(input, undefined, errors)), attack);
      const html = new MarkdownIt({ html: true }).render(markdown);
      assert.doesNotMatch(html, /<img/);
      assert.match(html, /&lt;img src=https:\/\/evil\.example\/p\.png&gt;/);
    });
  });
});
