import MarkdownIt from 'markdown-it';
import * as assert from 'node:assert/strict';
import type { Job } from '../../../src/core/jobs/job';
import { formatDuration, formatRelativeTime, presentJob, progressStatusBarText } from '../../../src/core/jobs/jobPresentation';
import type { RunProgress } from '../../../src/core/runner/directRun';

const NOW_MS = 1_800_000_000_000;

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'batch_abc',
    profile: 'OpenAI',
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    requestCounts: { total: 1204, completed: 300, failed: 4 },
    createdAt: NOW_MS / 1000 - 180,
    sourceFile: '/work/articles.batch.jsonl',
    ...overrides,
  };
}

describe('presentJob', () => {
  it('names the job after its file and shows status, progress, ETA and age', () => {
    const view = presentJob(job(), { done: 304, total: 1204, failed: 4, shownDone: 304, estimating: false, requestsPerMinute: 100, etaSeconds: 540 }, NOW_MS);
    assert.equal(view.label, 'articles.batch.jsonl');
    assert.equal(view.description, 'in progress · 304/1,204 (4 failed) · ETA 9 min · 3 minutes ago');
    assert.equal(view.icon, 'sync~spin');
  });

  it('gives menus the tokens of what the job allows', () => {
    assert.deepEqual(presentJob(job(), undefined, NOW_MS).contextValue.split(' ').sort(), ['active', 'cancellable', 'in_progress', 'input', 'job']);
    const done = presentJob(job({ status: 'completed', outputFileId: 'file-1' }), undefined, NOW_MS);
    assert.deepEqual(done.contextValue.split(' ').sort(), ['completed', 'input', 'job', 'results']);
    const failed = presentJob(job({ status: 'failed', errors: [{ code: 'invalid_url', message: 'bad', line: 3 }] }), undefined, NOW_MS);
    assert.match(failed.contextValue, /\berrors\b/);
    assert.equal(failed.icon, 'error');
    assert.equal(presentJob(job({ status: 'cancelling' }), undefined, NOW_MS).contextValue.includes('cancellable'), false);
  });

  it('marks a completed job with failed requests as a warning, a clean one as passed', () => {
    assert.equal(presentJob(job({ status: 'completed' }), undefined, NOW_MS).icon, 'warning');
    const clean = job({ status: 'completed', requestCounts: { total: 2, completed: 2, failed: 0 } });
    assert.equal(presentJob(clean, undefined, NOW_MS).icon, 'pass');
  });

  it('shows what the seed jobs API reports: success rate, processing time and the callback', () => {
    const view = presentJob(job({ status: 'completed', successRate: 0.6667, processingTimeSeconds: 74.4, callbackUrl: 'https://hooks.example/done' }), undefined, NOW_MS);
    assert.match(view.tooltip, /\| Success rate \| 66\\?\.7% \|/);
    assert.match(view.tooltip, /\| Processing time \| 1 min \|/);
    assert.match(view.tooltip, /\| Callback \| https:\/\/hooks\\?\.example\/done \|/);
  });

  it('escapes provider text in the tooltip so it renders as text', () => {
    const view = presentJob(job({ status: 'failed', errors: [{ code: 'x', message: '[click](command:evil) *bold*', line: 2 }] }), undefined, NOW_MS);
    assert.ok(!view.tooltip.includes('[click](command:evil)'));
    const html = new MarkdownIt().render(view.tooltip);
    assert.doesNotMatch(html, /<a |<em>/);
    assert.match(html, /\[click\]\(command:evil\) \*bold\*/);
    assert.ok(view.tooltip.includes('(line 2)'));
  });
});

describe('job time formatting', () => {
  it('says how long ago in words', () => {
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 30, NOW_MS), 'just now');
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 7200, NOW_MS), '2 hours ago');
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 86400, NOW_MS), 'yesterday');
  });

  it('formats durations compactly', () => {
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(540), '9 min');
    assert.equal(formatDuration(3900), '1 h 05 min');
  });
});

describe('presentJob: progress words', () => {
  const running = (): Job => ({ id: 'batch_1', profile: 'p', endpoint: '/v1/chat/completions', status: 'in_progress', requestCounts: { total: 12, completed: 11, failed: 0 }, createdAt: 0 });

  it('says "estimating…" while the pace is not known yet', () => {
    const view = presentJob(running(), { done: 11, total: 12, failed: 0, shownDone: 11, estimating: true }, 0);
    assert.match(view.description, /11\/12 · estimating…/);
  });

  it('never shows "ETA 0 s" while a request remains', () => {
    const view = presentJob(running(), { done: 11, total: 12, failed: 0, shownDone: 11, estimating: false, etaSeconds: 1 }, 0);
    assert.doesNotMatch(view.description, /ETA 0 s/);
    assert.match(view.description, /ETA under 10 s/);
  });
});

describe('the progress status bar text', () => {
  const run: RunProgress = {
    state: 'rate-limited',
    total: 40,
    succeeded: 10,
    failed: 0,
    skippedAlreadyDone: 0,
    resent: 0,
    rateLimited: 1,
    inFlight: 4,
    tokens: 200,
    elapsedMs: 10_000,
    requestsPerSecond: 1,
    tokensPerSecond: 20,
    etaSeconds: 30,
    resumesAt: NOW_MS + 12_000,
  };
  // A direct run is never polled: the poll tracker knows nothing of its pace.
  const polled = { done: 10, total: 40, failed: 0, shownDone: 10, estimating: true };

  it('a direct run reads its state, counts and ETA from the run, as its Jobs view row does', () => {
    const text = progressStatusBarText(job({ directRun: true, requestCounts: { total: 40, completed: 10, failed: 0 } }), polled, NOW_MS, run);
    assert.match(text, /direct|articles\.batch\.jsonl/);
    assert.match(text, /rate limited, resuming in 12 s/);
    assert.match(text, /10\/40/);
    assert.match(text, /ETA 30 s/);
    assert.doesNotMatch(text, /estimating/);
  });

  it('a polled batch reads its bar, counts and ETA from the polls', () => {
    const text = progressStatusBarText(job(), { done: 304, total: 1204, failed: 4, shownDone: 304, estimating: false, etaSeconds: 240 }, NOW_MS);
    assert.equal(text, '$(sync~spin) articles.batch.jsonl ▰▰▱▱▱▱▱▱▱▱ 304/1,204 · ETA 4 min');
  });
});
