import * as assert from 'node:assert/strict';
import { formatCountOf, formatDuration } from '../../src/core/formatting';

describe('formatCountOf: counts in messages', () => {
  it('singular for one, plural otherwise, with thousands separators', () => {
    assert.equal(formatCountOf(1, 'error'), '1 error');
    assert.equal(formatCountOf(0, 'error'), '0 errors');
    assert.equal(formatCountOf(1204, 'request'), '1,204 requests');
  });

  it('takes the plural of nouns that need more than an "s"', () => {
    assert.equal(formatCountOf(1, 'batch', 'batches'), '1 batch');
    assert.equal(formatCountOf(3, 'batch', 'batches'), '3 batches');
  });
});

describe('formatDuration: how long a run or batch took', () => {
  it('tenths under 10 s, then minutes and hours with their seconds', () => {
    assert.equal(formatDuration(4.25), '4.3 s');
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(192), '3 min 12 s');
    assert.equal(formatDuration(3605), '1 h 0 min 5 s');
  });
});
