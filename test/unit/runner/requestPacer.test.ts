import assert from 'node:assert/strict';
import { RequestPacer, type PacerClock } from '../../../src/core/runner';
import { parseDurationMs, readRateLimitHeaders } from '../../../src/core/runner';

/** A clock whose sleeps return at once, moving time on: the schedule is computed, never waited for. */
function fakeClock(): PacerClock & { time: number } {
  const clock = {
    time: 1_000_000,
    now: () => clock.time,
    sleep: async (ms: number) => {
      clock.time += ms;
    },
  };
  return clock;
}

async function sendTimes(pacer: RequestPacer, clock: { time: number }, count: number, tokens = 1): Promise<number[]> {
  const times: number[] = [];
  for (let index = 0; index < count; index++) {
    await pacer.acquire(tokens);
    times.push(clock.time);
  }
  return times;
}

describe('runner: RequestPacer', () => {
  it('spaces requests evenly a little under the RPM limit, so no minute (or slice of one) sees more than the limit', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ rpm: 600 }, clock);
    const times = await sendTimes(pacer, clock, 601);
    const gaps = times.slice(1).map((time, index) => time - times[index]);
    assert.ok(gaps.every((gap) => gap >= 100), 'at 600/min no two requests are closer than 100 ms');
    const firstMinute = times.filter((time) => time < times[0] + 60_000).length;
    assert.ok(firstMinute <= 600 && firstMinute >= 570, `sent ${firstMinute} in the first minute`);
  });

  it('makes up for timers that fire late (a busy machine) without ever putting more than the limit in a slice', async () => {
    // Every sleep ends 60 ms late: at 600/min (one request per 103 ms at 97%) a pacer that restarts its schedule
    // from each late wake loses a third of the rate; one that keeps its schedule loses nothing.
    const clock = fakeClock();
    const sleep = clock.sleep;
    clock.sleep = (ms: number) => sleep(ms + 60);
    const pacer = new RequestPacer({ rpm: 600 }, clock);
    const times = await sendTimes(pacer, clock, 1200);
    const inWindow = (start: number, ms: number) => times.filter((time) => time >= start && time < start + ms).length;
    const firstMinute = inWindow(times[0], 60_000);
    assert.ok(firstMinute >= 570 && firstMinute <= 600, `sent ${firstMinute} in the first minute`);
    const busiestTenSeconds = Math.max(...times.map((time) => inWindow(time, 10_000)));
    assert.ok(busiestTenSeconds <= 100, `${busiestTenSeconds} in the busiest 10 s (limit 100)`);
  });

  it('spaces by tokens under a TPM limit: a request of 1,000 tokens at 60,000/min takes at least a second of budget', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ tpm: 60_000 }, clock);
    const times = await sendTimes(pacer, clock, 3, 1000);
    assert.ok(times[1] - times[0] >= 1000 && times[2] - times[1] >= 1000);
  });

  it('holds every sender after a 429 for the Retry-After the server gave, then sends slower than before', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ rpm: 6000 }, clock);
    const [before] = await sendTimes(pacer, clock, 1);
    pacer.onRateLimited(readRateLimitHeaders({ 'retry-after-ms': '2500' }));
    assert.equal(pacer.rateLimitedUntil, before + 2500);
    const after = await sendTimes(pacer, clock, 2);
    assert.ok(after[0] >= before + 2500, 'nobody sends before the server said');
    assert.ok(after[1] - after[0] > 60_000 / 6000 / 0.97, 'the gap grew after the 429');
  });

  it('waits for the reset when an answer says the request budget is spent, and learns the limit it was not given', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({}, clock);
    const start = clock.time;
    pacer.onAnswer(readRateLimitHeaders({ 'x-ratelimit-limit-requests': '60', 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '1.5s' }));
    const times = await sendTimes(pacer, clock, 2);
    assert.ok(times[0] >= start + 1500);
    assert.ok(times[1] - times[0] >= 1000, 'paced at the learned 60/min');
  });

  it('lets a waiting sender go when its signal aborts, without blocking the ones behind it', async () => {
    const clock = fakeClock();
    const pacer = new RequestPacer({ rpm: 60 }, clock);
    await pacer.acquire(1);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await assert.rejects(pacer.acquire(1, controller.signal), /cancelled/);
    await pacer.acquire(1);
  });
});

describe('runner: rate-limit headers', () => {
  it('reads OpenAI reset durations and both retry-after forms', () => {
    assert.equal(parseDurationMs('1s'), 1000);
    assert.equal(parseDurationMs('6m0s'), 360_000);
    assert.equal(parseDurationMs('20ms'), 20);
    assert.equal(parseDurationMs('1h2m3.5s'), 3_723_500);
    assert.equal(parseDurationMs('2'), 2000);
    assert.equal(parseDurationMs('soon'), undefined);
    assert.equal(readRateLimitHeaders({ 'retry-after': '3' }).retryAfterMs, 3000);
    assert.equal(readRateLimitHeaders({ 'retry-after': new Date(Date.UTC(2030, 0, 1, 0, 0, 10)).toUTCString() }, Date.UTC(2030, 0, 1)).retryAfterMs, 10_000);
  });
});
