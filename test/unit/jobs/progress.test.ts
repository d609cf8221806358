import * as assert from 'node:assert/strict';
import type { Job } from '../../../src/core/jobs/job';
import { JobProgressTracker } from '../../../src/core/jobs/progress';

function job(completed: number, failed = 0, overrides: Partial<Job> = {}): Job {
  return {
    id: 'batch_1',
    profile: 'p',
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    requestCounts: { total: 1000, completed, failed },
    createdAt: 0,
    ...overrides,
  };
}

describe('JobProgressTracker', () => {
  it('derives throughput and ETA from successive request counts', () => {
    const tracker = new JobProgressTracker();
    tracker.record('k', job(100), 0);
    tracker.record('k', job(280, 20), 60_000); // 200 more in a minute
    const progress = tracker.progress('k', job(280, 20), 60_000);
    assert.equal(progress.done, 300);
    assert.equal(progress.failed, 20);
    assert.equal(Math.round(progress.requestsPerMinute!), 200);
    assert.equal(progress.etaSeconds, 210); // 700 left at 200 a minute
  });

  it('falls back to the pace since in_progress_at with a single sample', () => {
    const tracker = new JobProgressTracker();
    const running = job(100, 0, { inProgressAt: 1000 });
    tracker.record('k', running, 1000_000 + 120_000);
    const progress = tracker.progress('k', running, 1000_000 + 120_000);
    assert.equal(Math.round(progress.requestsPerMinute!), 50);
    assert.equal(progress.etaSeconds, 1080);
  });

  it('says nothing about pace before any request is done', () => {
    const tracker = new JobProgressTracker();
    tracker.record('k', job(0), 0);
    const progress = tracker.progress('k', job(0), 10_000);
    assert.equal(progress.requestsPerMinute, undefined);
    assert.equal(progress.etaSeconds, undefined);
  });
});
