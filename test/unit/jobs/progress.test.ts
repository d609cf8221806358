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

describe('JobProgressTracker: an ETA a user can trust', () => {
  const small = (done: number) => job(done, 0, { requestCounts: { total: 12, completed: done, failed: 0 }, inProgressAt: 0 });

  it('says "estimating" instead of an ETA from one or two early samples', () => {
    const tracker = new JobProgressTracker();
    tracker.record('k', small(1), 1_000); // 1 of 12 after a second: the old ETA said "11 s"
    let progress = tracker.progress('k', small(1), 1_000);
    assert.equal(progress.etaSeconds, undefined);
    assert.equal(progress.estimating, true);
    tracker.record('k', small(2), 3_000);
    progress = tracker.progress('k', small(2), 3_000);
    assert.equal(progress.etaSeconds, undefined);
    assert.equal(progress.estimating, true);
  });

  it('gives a rate-based ETA once several samples span enough time, and counts it down between polls', () => {
    const tracker = new JobProgressTracker();
    for (const [atMs, done] of [[0, 0], [5_000, 1], [10_000, 2], [15_000, 3]] as const) tracker.record('k', small(done), atMs);
    const atPoll = tracker.progress('k', small(3), 15_000);
    assert.equal(atPoll.estimating, false);
    assert.equal(atPoll.etaSeconds, 45); // 9 left at one every 5 s
    const later = tracker.progress('k', small(3), 25_000);
    assert.equal(later.etaSeconds, 35);
  });

  it('never says 0 s while requests remain, however overdue the last estimate is', () => {
    const tracker = new JobProgressTracker();
    for (const [atMs, done] of [[0, 0], [5_000, 4], [10_000, 8], [15_000, 11]] as const) tracker.record('k', small(done), atMs);
    const overdue = tracker.progress('k', small(11), 60_000);
    assert.ok(overdue.etaSeconds === undefined || overdue.etaSeconds >= 1, String(overdue.etaSeconds));
  });

  it('moves the bar between polls towards the latest count, never beyond it', () => {
    const tracker = new JobProgressTracker();
    tracker.record('k', small(2), 0);
    tracker.record('k', small(6), 4_000);
    const shown = [4_000, 5_000, 6_000, 7_000, 8_000, 20_000].map((now) => tracker.progress('k', small(6), now).shownDone);
    assert.equal(shown[0], 2, 'starts from the previous count when the new one arrives');
    for (let index = 1; index < shown.length; index++) assert.ok(shown[index] >= shown[index - 1], `moves forward: ${shown.join(', ')}`);
    assert.ok(shown[2] > 2 && shown[2] < 6, `between polls: ${shown.join(', ')}`);
    assert.ok(shown.every((value) => value <= 6), `never beyond the latest count: ${shown.join(', ')}`);
    assert.equal(shown[shown.length - 1], 6);
  });
});
