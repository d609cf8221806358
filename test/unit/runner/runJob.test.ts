import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from '../../../src/core/jobs/job';
import { presentJob } from '../../../src/core/jobs/jobPresentation';
import type { Profile } from '../../../src/core/providers';
import { checkRun, describeRunProgress, directRunJob, directRunJobId, isResumableRun, runConfirmationDetail, runStateText, type RunProgress } from '../../../src/core/runner';

const NOW_MS = 1_800_000_000_000;

function progress(overrides: Partial<RunProgress> = {}): RunProgress {
  return {
    state: 'sending',
    total: 2000,
    succeeded: 1200,
    failed: 4,
    skippedAlreadyDone: 0,
    resent: 0,
    rateLimited: 0,
    inFlight: 3,
    tokens: 90_000,
    elapsedMs: 240_000,
    requestsPerSecond: 5.1,
    tokensPerSecond: 375,
    etaSeconds: 156,
    ...overrides,
  };
}

const FIELDS = { profile: 'DeepSeek (direct)', inputPath: '/work/articles.batch.jsonl', endpoint: '/v1/chat/completions', model: 'deepseek-chat' };

describe('direct runs as jobs', () => {
  it('says what the run is doing: rate limited with its countdown, held by the schedule until a clock time, paused', () => {
    assert.equal(runStateText(progress({ state: 'rate-limited', resumesAt: NOW_MS + 11_200 }), NOW_MS), 'rate limited, resuming in 12 s');
    const sixPm = new Date(NOW_MS);
    sixPm.setHours(18, 0, 0, 0);
    assert.equal(runStateText(progress({ state: 'scheduled-pause', resumesAt: sixPm.getTime() }), NOW_MS), 'paused until 18:00 (schedule)');
    assert.equal(runStateText(progress({ state: 'paused' }), NOW_MS), 'paused');
    assert.equal(runStateText(progress({ state: 'cancelling' }), NOW_MS), 'stopping');
    assert.equal(
      describeRunProgress(progress({ state: 'rate-limited', resumesAt: NOW_MS + 3_000 }), NOW_MS),
      '1,204/2,000 answered, 4 failed, 5.1 req/s, 375 tok/s, ETA 156 s, rate limited, resuming in 3 s',
    );
  });

  it('records one job per input file, in progress while it sends or pauses, and keeps when it was first created', () => {
    const first = directRunJob(FIELDS, progress({ state: 'paused' }), NOW_MS);
    assert.equal(first.id, directRunJobId('/work/articles.batch.jsonl'));
    assert.match(first.id, /^run_[0-9a-f]{24}$/);
    assert.notEqual(first.id, directRunJobId('/work/other.batch.jsonl'));
    assert.deepEqual(
      { status: first.status, counts: first.requestCounts, directRun: first.directRun, sourceFile: first.sourceFile, createdAt: first.createdAt },
      { status: 'in_progress', counts: { total: 2000, completed: 1200, failed: 4 }, directRun: true, sourceFile: '/work/articles.batch.jsonl', createdAt: NOW_MS / 1000 },
    );
    const stopped = directRunJob(FIELDS, progress({ state: 'cancelled' }), NOW_MS + 60_000, first);
    assert.equal(stopped.status, 'cancelled');
    assert.equal(stopped.createdAt, first.createdAt);
    assert.equal(stopped.cancelledAt, NOW_MS / 1000 + 60);
    assert.equal(isResumableRun(stopped), true);
    assert.equal(isResumableRun(directRunJob(FIELDS, progress({ state: 'completed', succeeded: 1996 }), NOW_MS, first)), false);
  });

  it('shows a live run in the Jobs view with its state, counts, rates and ETA, and offers Pause or Resume', () => {
    const job: Job = directRunJob(FIELDS, progress(), NOW_MS - 180_000);
    const limited = presentJob(job, undefined, NOW_MS, progress({ state: 'rate-limited', resumesAt: NOW_MS + 12_000 }));
    assert.equal(limited.description, 'rate limited, resuming in 12 s · 1,204/2,000 (4 failed) · 5.1 req/s · 375 tok/s · ETA 3 min · 3 minutes ago');
    assert.match(limited.contextValue, /\bpausable\b/);
    assert.match(limited.contextValue, /\bresults\b/, 'answers so far can be opened');
    const paused = presentJob(job, undefined, NOW_MS, progress({ state: 'paused' }));
    assert.match(paused.description, /^paused · /);
    assert.equal(paused.icon, 'debug-pause');
    assert.match(paused.contextValue, /\bresumable\b/);
    assert.doesNotMatch(paused.contextValue, /\bpausable\b/);
    const notLive = presentJob({ ...job, status: 'cancelled' }, undefined, NOW_MS);
    assert.match(notLive.description, /^cancelled · 1,204\/2,000/);
    assert.match(notLive.contextValue, /\bresumable\b/);
    assert.match(notLive.contextValue, /\bdirect\b/);
  });

  describe('checkRun', () => {
    let folder: string;
    beforeEach(() => (folder = mkdtempSync(path.join(os.tmpdir(), 'run-check-'))));
    afterEach(() => rmSync(folder, { recursive: true, force: true }));

    const profile: Profile = { name: 'Local', kind: 'direct', baseUrl: 'http://127.0.0.1:11434/v1', rpm: 60, schedule: { timeZone: 'Asia/Shanghai', avoid: ['09:00-12:00'] } };
    const line = (id: string) => JSON.stringify({ custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', max_tokens: 10, messages: [{ role: 'user', content: 'Hi' }] } });

    it('counts the file and what an earlier run answered, and words the confirmation', async () => {
      const input = path.join(folder, 'a.batch.jsonl');
      writeFileSync(input, `${line('one')}\n${line('two')}\n${line('three')}\n`);
      writeFileSync(path.join(folder, 'a.results.jsonl'), `${JSON.stringify({ id: 'x', custom_id: 'one', response: { status_code: 200, body: {} }, error: null })}\n`);
      const check = await checkRun(input, profile);
      assert.equal(check.outcome, 'ready');
      if (check.outcome !== 'ready') return;
      assert.equal(check.requests, 3);
      assert.equal(check.answeredBefore, 1);
      const detail = runConfirmationDetail(check, profile);
      assert.match(detail, /^Profile: Local \(http:\/\/127\.0\.0\.1:11434\/v1\)/);
      assert.match(detail, /Requests: 3 \(1 answered by an earlier run: not sent again\)/);
      assert.match(detail, /Pace: 8 at once, 60 requests\/min, 5 attempts each/);
      assert.match(detail, /Schedule: nothing is sent 09:00-12:00 \(Asia\/Shanghai\)/);
      assert.match(detail, /Estimated cost: /);
    });

    it('refuses a file with errors, naming them', async () => {
      const input = path.join(folder, 'b.batch.jsonl');
      writeFileSync(input, `${line('one')}\n{"custom_id": "two"\n`);
      const check = await checkRun(input, profile);
      assert.equal(check.outcome, 'invalid');
    });

    it('does not hold a direct run to a Batch API\'s file limits: 100,001 Anthropic requests run one by one', async function () {
      this.timeout(120_000);
      const input = path.join(folder, 'many.batch.jsonl');
      const request = (index: number) => JSON.stringify({ custom_id: `r${index}`, params: { model: 'claude-haiku-4-5', max_tokens: 5, messages: [{ role: 'user', content: 'Hi' }] } });
      writeFileSync(input, `${Array.from({ length: 100_001 }, (_unused, index) => request(index)).join('\n')}\n`);
      const check = await checkRun(input, { name: 'Claude direct', kind: 'direct', dialect: 'anthropic', baseUrl: 'http://127.0.0.1:9' });
      assert.equal(check.outcome, 'ready', check.outcome === 'invalid' ? check.errors.map((error) => error.message).join('; ') : '');
      assert.equal(check.outcome === 'ready' && check.requests, 100_001);
    });

    it('names the model a Gemini run sends every line to (the profile\'s, else the default), and refuses a file of another dialect', async () => {
      const input = path.join(folder, 'g.batch.jsonl');
      writeFileSync(input, `${JSON.stringify({ key: 'one', request: { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] } })}\n`);
      const gemini: Profile = { name: 'Gemini direct', kind: 'direct', dialect: 'gemini', baseUrl: 'http://127.0.0.1:9' };
      for (const [model, expected] of [[undefined, 'gemini-2.5-flash'], ['gemini-2.5-pro', 'gemini-2.5-pro']] as const) {
        const check = await checkRun(input, { ...gemini, ...(model ? { model } : {}) });
        assert.equal(check.outcome, 'ready');
        if (check.outcome !== 'ready') return;
        assert.equal(check.model, expected);
        assert.equal(check.cost?.priceName, expected, 'priced at the model the lines run on');
        assert.match(runConfirmationDetail(check, gemini), new RegExp(`Model: ${expected.replaceAll('.', '\\.')}\n`));
      }
      const refused = await checkRun(input, profile);
      assert.equal(refused.outcome, 'invalid');
      if (refused.outcome !== 'invalid') return;
      assert.match(refused.errors[0].message, /holds Gemini requests, but profile "Local" takes OpenAI/);
    });
  });
});
