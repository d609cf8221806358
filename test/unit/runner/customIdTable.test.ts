import * as assert from 'node:assert/strict';
import { CustomIdTable } from '../../../src/core/runner/customIdTable';

describe('a custom_id table', () => {
  it('gets what was set, by custom_id, and nothing for others', () => {
    const table = new CustomIdTable();
    table.set('request-1', 0).set('请求-2', 7).set('', 3);
    assert.equal(table.get('request-1'), 0);
    assert.equal(table.get('请求-2'), 7);
    assert.equal(table.get(''), 3);
    assert.equal(table.get('request-2'), undefined);
    assert.equal(table.has('request-1'), true);
    assert.equal(table.has('Request-1'), false);
    assert.equal(table.size, 3);
  });

  it('keeps the last value set for a custom_id', () => {
    const table = new CustomIdTable();
    table.set('a', 1).set('a', 2 ** 50);
    assert.equal(table.get('a'), 2 ** 50);
    assert.equal(table.size, 1);
  });

  it('forgets a deleted custom_id and can hold it again', () => {
    const table = new CustomIdTable();
    table.set('a', 1).set('b', 2);
    assert.equal(table.delete('a'), true);
    assert.equal(table.delete('a'), false);
    assert.equal(table.get('a'), undefined);
    assert.equal(table.get('b'), 2);
    assert.equal(table.size, 1);
    table.set('a', 5);
    assert.equal(table.get('a'), 5);
    assert.deepEqual([...table.values()].sort(), [2, 5]);
  });

  it('agrees with a Map over 200,000 custom_ids, with deletions, as it grows', () => {
    const table = new CustomIdTable();
    const reference = new Map<string, number>();
    for (let index = 0; index < 200_000; index++) {
      const customId = `req-${index.toString(36)}-${index % 7}`;
      table.set(customId, index);
      reference.set(customId, index);
      if (index % 3 === 0) {
        const gone = `req-${(index >> 1).toString(36)}-${(index >> 1) % 7}`;
        assert.equal(table.delete(gone), reference.delete(gone));
      }
    }
    assert.equal(table.size, reference.size);
    for (const [customId, value] of reference) assert.equal(table.get(customId), value);
    for (let index = 200_000; index < 201_000; index++) assert.equal(table.get(`req-${index.toString(36)}-${index % 7}`), undefined);
    assert.equal([...table.values()].length, reference.size);
  });

  it('stays usable when the same few custom_ids are set and deleted many times', () => {
    const table = new CustomIdTable();
    for (let round = 0; round < 10_000; round++) {
      table.set(`x${round % 5}`, round);
      table.delete(`x${(round + 2) % 5}`);
    }
    assert.ok(table.size <= 5);
    assert.equal(table.get('x4'), 9_999);
  });

  it('refuses what it cannot hold exactly', () => {
    const table = new CustomIdTable();
    assert.throws(() => table.set('a', -1), RangeError);
    assert.throws(() => table.set('a', 0.5), RangeError);
    assert.throws(() => table.set('a', 2 ** 53), RangeError);
  });
});
