import * as assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import {
  defaultPriceTablePath,
  discountNameForProfile,
  findModelPrice,
  loadPriceTable,
  MAX_PRICE_FILE_BYTES,
  mergePriceTable,
  parsePriceTable,
  PriceTableError,
  type PriceTable,
} from '../../../src/core/results';
import { useTempDir } from './helpers';

describe('results: price table', () => {
  const temp = useTempDir();
  let defaults: PriceTable;
  before(() => {
    defaults = parsePriceTable(readFileSync(defaultPriceTablePath(), 'utf8'), 'prices.json');
  });

  it('ships the common models and the Batch API and seed discounts', () => {
    for (const model of ['gpt-4o', 'gpt-4o-mini', 'gpt-4.1', 'gpt-4.1-mini', 'gpt-4.1-nano', 'o3-mini', 'text-embedding-3-small', 'text-embedding-3-large', 'gemini-2.5-flash', 'gemini-2.5-pro']) {
      assert.ok(defaults.models[model], model);
    }
    assert.deepEqual(
      Object.fromEntries(Object.entries(defaults.discounts).map(([name, { rate }]) => [name, rate])),
      { batch: 0.5, 'anthropic-batch': 0.5, 'gemini-batch': 0.5, 'seed-sync': 0.1, 'seed-jobs': 0.2, 'seed-files': 0.3, direct: 0 },
    );
  });

  it('ships DeepSeek (cache-hit and cache-miss input), gpt-3.5-turbo and current OpenAI batch models, each dated and sourced', () => {
    const raw = JSON.parse(readFileSync(defaultPriceTablePath(), 'utf8')) as { models: Record<string, { asOf?: string; source?: string }> };
    for (const model of ['deepseek-chat', 'deepseek-reasoner', 'deepseek-flash', 'deepseek-v4-pro', 'gpt-3.5-turbo', 'gpt-5', 'gpt-5-mini', 'gpt-5-nano', 'o3', 'o4-mini']) {
      assert.ok(defaults.models[model], model);
      assert.match(raw.models[model].asOf ?? '', /^\d{4}-\d{2}/, `${model} is dated`);
      assert.ok(raw.models[model].source, `${model} names its source`);
    }
    // DeepSeek: the cache-miss price is `input`, the cache-hit price `cachedInput` (provider-pricing-notes.md, Dec 2025).
    assert.deepEqual(defaults.models['deepseek-chat'], { input: 0.28, cachedInput: 0.028, output: 0.42 });
    assert.equal(findModelPrice(defaults, 'gpt-5-mini-2025-08-07')?.name, 'gpt-5-mini');
  });

  it('matches a dated snapshot to the longest model name it starts with', () => {
    assert.equal(findModelPrice(defaults, 'gpt-4o-mini-2024-07-18')?.name, 'gpt-4o-mini');
    assert.equal(findModelPrice(defaults, 'gpt-4.1-2025-04-14')?.name, 'gpt-4.1');
    assert.equal(findModelPrice(defaults, 'gpt-4o')?.name, 'gpt-4o');
    assert.equal(findModelPrice(defaults, 'gpt-4oo'), undefined);
    assert.equal(findModelPrice(defaults, 'davinci-002'), undefined);
  });

  it('merges a user file over the defaults per field, adding models and discounts', async () => {
    const user = temp.write(
      'user-prices.json',
      JSON.stringify({ currency: 'EUR', models: { 'gpt-4o': { output: 9 }, 'my-model': { input: 1, output: 2 } }, discounts: { 'seed-files': { rate: 0.35 }, gateway: { rate: 0.4, label: 'Gateway: 40% off' } } }),
    );
    const merged = await loadPriceTable({ userPath: user });
    assert.equal(merged.currency, 'EUR');
    assert.deepEqual(merged.models['gpt-4o'], { input: 2.5, cachedInput: 1.25, output: 9 });
    assert.deepEqual(merged.models['my-model'], { input: 1, output: 2 });
    assert.deepEqual(merged.discounts['seed-files'], { rate: 0.35, label: 'Seed file batch: 30% off' });
    assert.equal(merged.discounts.gateway.rate, 0.4);
    assert.deepEqual(merged.models['gpt-4o-mini'], defaults.models['gpt-4o-mini']);
  });

  it('rejects an invalid override with a message naming the file and the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [[], /^user\.json must be a JSON object, not \[\]$/],
      [{ models: { 'gpt-4o': { input: 'cheap' } } }, /^user\.json: models\["gpt-4o"\]\.input must be a number ≥ 0 \(price per 1M tokens\), not "cheap"$/],
      [{ models: { 'gpt-4o': { output: -1 } } }, /models\["gpt-4o"\]\.output must be a number ≥ 0/],
      [{ models: { new: { input: 1 } } }, /^user\.json: models\["new"\]\.output is required for a model not in the defaults$/],
      [{ models: [] }, /^user\.json: models must be a JSON object/],
      [{ discounts: { batch: { rate: 1 } } }, /discounts\["batch"\]\.rate must be a number from 0 up to \(not including\) 1/],
      [{ discounts: { mine: { rate: 0.1 } } }, /discounts\["mine"\]\.label must be a string/],
      [{ currency: 3 }, /currency must be a string/],
    ];
    for (const [override, message] of cases) assert.throws(() => mergePriceTable(defaults, override, 'user.json'), (error: Error) => error instanceof PriceTableError && message.test(error.message));
    const notJson = temp.write('broken.json', '{"models": ');
    await assert.rejects(loadPriceTable({ userPath: notJson }), (error: Error) => error instanceof PriceTableError && error.message.startsWith(`${notJson} is not valid JSON`));
  });

  it('refuses a price file that is a device, over 1 MB or not JSON by its name, never showing its content', async function () {
    if (existsSync('/dev/zero')) {
      await assert.rejects(loadPriceTable({ userPath: '/dev/zero' }), (error: Error) => error instanceof PriceTableError && error.message === '/dev/zero is not a regular file');
    }
    const huge = temp.write('huge.json', `{"currency": "USD", "pad": "${'x'.repeat(MAX_PRICE_FILE_BYTES)}"}`);
    await assert.rejects(loadPriceTable({ userPath: huge }), (error: Error) => error instanceof PriceTableError && error.message === `${huge} is over 1 MB, too large for a price file`);
    const secret = temp.write('id_rsa', '-----BEGIN OPENSSH PRIVATE KEY----- b3BlbnNzaC1rZXktdjEAAAAA');
    await assert.rejects(loadPriceTable({ userPath: secret }), (error: Error) => error instanceof PriceTableError && error.message.startsWith(`${secret} is not valid JSON`) && !/OPENSSH|b3Bl/.test(error.message));
  });

  it('picks the discount for a profile', () => {
    assert.equal(discountNameForProfile({ kind: 'openai' }), 'batch');
    assert.equal(discountNameForProfile({ kind: 'seed' }), 'seed-files');
    assert.equal(discountNameForProfile({ kind: 'seed', mode: 'sync' }), 'seed-sync');
    assert.equal(discountNameForProfile({ kind: 'seed', mode: 'jobs' }), 'seed-jobs');
    assert.equal(discountNameForProfile({ kind: 'direct' }), 'direct');
  });
});
