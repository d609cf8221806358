import * as assert from 'node:assert/strict';
import { formatCountOf } from '../../src/core/formatting';

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
