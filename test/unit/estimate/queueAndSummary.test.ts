import * as assert from 'node:assert/strict';
import path from 'node:path';
import type { Job } from '../../../src/core/jobs/job';
import { joinResultsByCustomId, renderSummaryMarkdown, summarizeResults } from '../../../src/core/results';
import { OverTokenLimitLineError, planSplit, waitForQueueHeadroom } from '../../../src/core/submit';
import { memoryJobStore } from '../providers/support';
import { fixtures } from '../results/helpers';

function job(id: string, status: Job['status'], estimatedInputTokens: number): Job {
  return { id, profile: 'P', endpoint: '/v1/chat/completions', model: 'gpt-4o-mini', status, requestCounts: { total: 1, completed: 0, failed: 0 }, createdAt: 1, estimatedInputTokens };
}

describe('estimate: split by tokens, waiting for queue room, summary comparison', () => {
  it('plans parts that each stay within the enqueued-token limit', () => {
    const lines = [400, 300, 500, 200, 100].map((tokens) => ({ bytes: 10, blank: false, tokens }));
    const plan = planSplit(lines, { maxTokens: 800 });
    assert.deepEqual(plan.parts.map((part) => [part.firstLine, part.lastLine, part.tokens]), [[1, 2, 700], [3, 5, 800]]);
    assert.throws(() => planSplit([{ bytes: 1, blank: false, tokens: 900 }], { maxTokens: 800 }), OverTokenLimitLineError);
  });

  it('waits until the active jobs holding the queue finish, then resolves', async () => {
    const { store } = memoryJobStore();
    await store.upsert(job('a', 'in_progress', 700));
    const profile = { name: 'P', kind: 'openai' as const, enqueuedTokenLimit: 1000 };
    const waits: number[] = [];
    let resolved = false;
    const waiting = waitForQueueHeadroom(store, profile, 'gpt-4o-mini', 500, { onWaiting: (headroom) => waits.push(headroom.active) }).then(() => {
      resolved = true;
    });
    await store.update({ ...job('a', 'finalizing', 700) });
    assert.equal(resolved, false, 'still active: still waiting');
    await store.update({ ...job('a', 'completed', 700) });
    await waiting;
    assert.deepEqual(waits, [700, 700]);
  });

  it('stops waiting when cancelled', async () => {
    const { store } = memoryJobStore();
    await store.upsert(job('a', 'in_progress', 700));
    const abort = new AbortController();
    const waiting = waitForQueueHeadroom(store, { name: 'P', kind: 'openai', enqueuedTokenLimit: 1000 }, 'gpt-4o-mini', 500, { signal: abort.signal });
    abort.abort(new Error('cancelled'));
    await assert.rejects(waiting, /cancelled/);
  });

  it('the summary sets the estimate beside the usage: input against the estimate, output against its bound', async () => {
    const join = await joinResultsByCustomId(path.join(fixtures, 'mixed.batch.jsonl'), path.join(fixtures, 'mixed.results.jsonl'), path.join(fixtures, 'mixed.errors.jsonl'));
    const plain = summarizeResults(join);
    const summary = summarizeResults(join, { job: { estimatedInputTokens: plain.usage.prompt * 2, estimatedOutputTokensMax: plain.usage.completion * 4 } });
    assert.deepEqual(summary.estimate, { estimatedInputTokens: plain.usage.prompt * 2, estimatedOutputTokensMax: plain.usage.completion * 4, usedPromptTokens: plain.usage.prompt, usedCompletionTokens: plain.usage.completion });
    const markdown = renderSummaryMarkdown(summary);
    assert.match(markdown, /## Estimate and usage/);
    assert.match(markdown, /\| Input tokens \| [\d,]+ \| [\d,]+ \| 50\.0% of the estimate \|/);
    assert.match(markdown, /\| Output tokens \| at most [\d,]+ \| [\d,]+ \| 25\.0% of the bound \|/);
    assert.doesNotMatch(renderSummaryMarkdown(plain), /Estimate and usage/);
  });
});
