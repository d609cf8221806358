import * as assert from 'node:assert/strict';
import { repairJsonLine } from '../../../src/core/validation/jsonLineRepair';

describe('repairJsonLine: the one obvious repair of a JSON slip', () => {
  it('removes trailing commas, leaving commas inside strings alone', () => {
    const repaired = repairJsonLine('{"custom_id": "a,}", "body": {"model": "m", "messages": [1, 2,],},}');
    assert.equal(repaired?.text, '{"custom_id": "a,}", "body": {"model": "m", "messages": [1, 2]}}');
    assert.equal(repaired?.description, 'Remove 3 trailing commas');
  });

  it('removes a comma left after the object (a line copied out of an array)', () => {
    assert.equal(repairJsonLine('{"custom_id": "a"},')?.text, '{"custom_id": "a"}');
  });

  it('adds the closing brackets a line ends without', () => {
    const repaired = repairJsonLine('{"custom_id": "a", "body": {"messages": [{"role": "user"}');
    assert.equal(repaired?.text, '{"custom_id": "a", "body": {"messages": [{"role": "user"}]}}');
    assert.equal(repaired?.description, 'Add the missing ]}}');
  });

  it('offers nothing when there is no single obvious repair, or nothing to repair', () => {
    assert.equal(repairJsonLine('{"a": 1 "b": 2}'), undefined);
    assert.equal(repairJsonLine("{'a': 1}"), undefined);
    assert.equal(repairJsonLine('{"a": "unterminated'), undefined);
    assert.equal(repairJsonLine('{"a": 1}'), undefined);
    assert.equal(repairJsonLine('[1, 2,]'), undefined, 'an array is no request even when repaired');
  });
});
