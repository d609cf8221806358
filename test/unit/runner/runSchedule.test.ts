import assert from 'node:assert/strict';
import { RequestPacer, scheduleHoldUntil, scheduleProblem, type PacerClock } from '../../../src/core/runner';
import { parseProfiles } from '../../../src/core/providers';

const PEAK = { timeZone: 'Asia/Shanghai', avoid: ['09:00-12:00', '14:00-18:00'] };
/** Beijing is UTC+8 all year: 10:30 there is 02:30 UTC. */
const utc = (text: string) => Date.parse(`2026-07-20T${text}Z`);

describe('runner: schedule windows', () => {
  it('holds a run inside an avoided window until it ends, in the schedule\'s time zone', () => {
    assert.equal(scheduleHoldUntil(PEAK, utc('02:30:00')), utc('04:00:00'), '10:30 Beijing: until 12:00');
    assert.equal(scheduleHoldUntil(PEAK, utc('04:00:00')), undefined, '12:00 Beijing: the window is over');
    assert.equal(scheduleHoldUntil(PEAK, utc('06:00:30')), utc('10:00:00'), '14:00:30 Beijing: until 18:00');
    assert.equal(scheduleHoldUntil(PEAK, utc('00:59:59')), undefined, '08:59:59 Beijing');
    assert.equal(scheduleHoldUntil({ timeZone: 'UTC', avoid: ['23:00-01:00'] }, utc('23:30:00')), utc('01:00:00') + 24 * 3_600_000, 'a window past midnight');
  });

  it('the pacer starts no request in the window, and the profile checks the schedule', async () => {
    const clock: PacerClock & { time: number } = {
      time: utc('02:59:00'),
      now: () => clock.time,
      sleep: async (ms: number) => {
        clock.time += ms;
      },
    };
    const pacer = new RequestPacer({}, clock, (now) => scheduleHoldUntil(PEAK, now));
    assert.equal(pacer.heldUntil, utc('04:00:00'));
    await pacer.acquire(1);
    assert.equal(clock.time, utc('04:00:00'));
    assert.equal(scheduleProblem(PEAK), undefined);
    assert.throws(() => parseProfiles([{ name: 'd', kind: 'direct', baseUrl: 'https://api.deepseek.com', schedule: { timeZone: 'Mars/Olympus', avoid: [] } }]), /not a time zone/);
    assert.throws(() => parseProfiles([{ name: 'd', kind: 'direct', baseUrl: 'https://api.deepseek.com', schedule: { timeZone: 'UTC', avoid: ['9-12'] } }]), /HH:MM-HH:MM/);
    assert.deepEqual(parseProfiles([{ name: 'd', kind: 'direct', baseUrl: 'https://api.deepseek.com', schedule: PEAK }])[0].schedule, PEAK);
  });
});
