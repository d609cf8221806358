import * as assert from 'node:assert/strict';
import {
  joinResultsByCustomId,
  loadPriceTable,
  mergePriceTable,
  PriceTableError,
  renderSummaryMarkdown,
  summarizeResults,
  timeOfDayRateAt,
  type PriceTable,
} from '../../../src/core/results';
import { chatRequest, jsonl, useTempDir } from './helpers';

/** Unix seconds of a UTC time (Beijing is UTC+8, no daylight saving). */
function utc(day: number, hour: number, minute = 0): number {
  return Date.UTC(2026, 10, day, hour, minute) / 1000;
}

// 2026-11-30 is a Monday, 2026-12-05 (day 35 of November) a Saturday.
const MONDAY = 30;
const SATURDAY = 35;

/** A deepseek-flash answer of 1M prompt and 1M completion tokens: $0.15 + $0.60 = $0.75 at off-peak rates. */
function flashResult(id: string, sentAt?: number): Record<string, unknown> {
  const body = { object: 'chat.completion', model: 'deepseek-flash', choices: [{ index: 0, message: { role: 'assistant', content: 'ok' } }], usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, total_tokens: 2_000_000 } };
  return { id: `req_${id}`, custom_id: id, response: { status_code: 200, request_id: `r_${id}`, body }, error: null, ...(sentAt === undefined ? {} : { sent_at: sentAt }) };
}

describe('results: time-of-day prices', () => {
  const temp = useTempDir();
  let prices: PriceTable;
  before(async () => {
    prices = await loadPriceTable();
  });

  it('ships DeepSeek V4 peak hours: 2x in 09:00-12:00 and 14:00-18:00 Beijing time on weekdays', () => {
    const peak = (sentAt: number) => timeOfDayRateAt(prices, 'deepseek-flash', sentAt)?.multiplier;
    assert.equal(peak(utc(MONDAY, 1, 0)), 2, 'Mon 09:00 Beijing');
    assert.equal(peak(utc(MONDAY, 3, 59)), 2, 'Mon 11:59 Beijing');
    assert.equal(peak(utc(MONDAY, 4, 0)), undefined, 'Mon 12:00 Beijing');
    assert.equal(peak(utc(MONDAY, 6, 0)), 2, 'Mon 14:00 Beijing');
    assert.equal(peak(utc(MONDAY, 10, 0)), undefined, 'Mon 18:00 Beijing');
    assert.equal(peak(utc(MONDAY, 0, 59)), undefined, 'Mon 08:59 Beijing');
    assert.equal(peak(utc(SATURDAY, 2, 0)), undefined, 'Sat 10:00 Beijing');
    assert.equal(peak(utc(SATURDAY - 1, 17, 0)), undefined, 'Fri 17:00 UTC is Sat 01:00 Beijing');
    assert.equal(timeOfDayRateAt(prices, 'deepseek-v4-pro', utc(MONDAY, 2))?.multiplier, 2);
    assert.equal(timeOfDayRateAt(prices, 'deepseek-chat', utc(MONDAY, 2)), undefined, 'not a V4 model');
    assert.equal(timeOfDayRateAt(prices, 'deepseek-flash', undefined), undefined, 'no send time');
  });

  it('prices each request at the rate in force when it was sent', async () => {
    const input = temp.write('flash.batch.jsonl', jsonl(...['a', 'b', 'c', 'd', 'e', 'f'].map((id) => chatRequest(id))));
    const output = temp.write(
      'flash.results.jsonl',
      jsonl(
        flashResult('a', utc(MONDAY, 2, 0)), // 10:00 Beijing, peak: $1.50
        flashResult('b', utc(MONDAY, 4, 30)), // 12:30: $0.75
        flashResult('c', utc(SATURDAY, 2, 0)), // Saturday 10:00: $0.75
        flashResult('d'), // no send time: $0.75
        flashResult('e', utc(MONDAY, 9, 59)), // 17:59, peak: $1.50
        flashResult('f', utc(MONDAY, 10, 0)), // 18:00: $0.75
      ),
    );
    const summary = summarizeResults(await joinResultsByCustomId(input, output), { prices, discount: 'batch' });
    const [flash] = summary.cost!.byModel;
    assert.equal(flash.timeOfDayRequests, 2);
    assert.ok(Math.abs(flash.synchronous - 6.0) < 1e-9, `synchronous ${flash.synchronous}`);
    assert.ok(Math.abs(summary.cost!.batch - 3.0) < 1e-9, `batch ${summary.cost!.batch}`);
    assert.match(renderSummaryMarkdown(summary, 'flash'), /2 of them were sent in the provider's peak hours/);
  });

  it('a price file replaces the rates, and says which field is wrong', () => {
    const offPeakOnly = mergePriceTable(prices, { timeOfDayRates: [] }, 'mine.json');
    assert.equal(timeOfDayRateAt(offPeakOnly, 'deepseek-flash', utc(MONDAY, 2)), undefined);
    const nightly = mergePriceTable(
      prices,
      { timeOfDayRates: [{ models: ['gpt-4o'], timeZone: 'UTC', windows: ['22:00-02:00'], multiplier: 0.5, label: 'night' }] },
      'mine.json',
    );
    assert.equal(timeOfDayRateAt(nightly, 'gpt-4o', utc(MONDAY, 1))?.multiplier, 0.5, 'across midnight');
    assert.equal(timeOfDayRateAt(nightly, 'gpt-4o', utc(MONDAY, 2)), undefined);
    assert.throws(() => mergePriceTable(prices, { timeOfDayRates: {} }, 'mine.json'), /mine\.json: timeOfDayRates must be a list/);
    assert.throws(
      () => mergePriceTable(prices, { timeOfDayRates: [{ models: ['x'], timeZone: 'Mars/Olympus', windows: ['09:00-12:00'], multiplier: 2, label: 'x' }] }, 'mine.json'),
      (error: unknown) => error instanceof PriceTableError && /timeOfDayRates\[0\]: "timeZone" must be a time zone/.test(error.message),
    );
    assert.throws(
      () => mergePriceTable(prices, { timeOfDayRates: [{ models: ['x'], timeZone: 'UTC', windows: ['9-12'], multiplier: 2, label: 'x' }] }, 'mine.json'),
      /"windows" a list of "HH:MM-HH:MM"/,
    );
    assert.throws(
      () => mergePriceTable(prices, { timeOfDayRates: [{ models: ['x'], timeZone: 'UTC', windows: ['09:00-12:00'], days: ['Monday'], multiplier: 2, label: 'x' }] }, 'mine.json'),
      /days: "Monday" is not one of Sun, Mon/,
    );
    assert.throws(
      () => mergePriceTable(prices, { timeOfDayRates: [{ models: ['x'], timeZone: 'UTC', windows: ['09:00-12:00'], multiplier: -1, label: 'x' }] }, 'mine.json'),
      /multiplier must be a number ≥ 0/,
    );
  });
});
