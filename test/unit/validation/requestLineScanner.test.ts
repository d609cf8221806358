import * as assert from 'node:assert/strict';
import { requestLinePlace, topLevelKeys } from '../../../src/core/validation/requestLineScanner';
import { nextFreeCustomId } from '../../../src/core/validation/uniqueCustomId';

/** The line with `|` marking the cursor. */
function placeAt(marked: string) {
  const column = marked.indexOf('|');
  return requestLinePlace(marked.replace('|', ''), column);
}

describe('requestLinePlace (completion context of a half-typed request line)', () => {
  it('an empty line wants a whole request', () => {
    assert.deepEqual(placeAt('  |'), { kind: 'emptyLine' });
  });

  it('a key position after { or a comma, with the bare letters typed so far', () => {
    assert.deepEqual(placeAt('{|'), { kind: 'key', replace: { start: 1, end: 1, quoted: false }, hasColon: false });
    assert.deepEqual(placeAt('{"custom_id": "a", me|'), { kind: 'key', replace: { start: 19, end: 21, quoted: false }, hasColon: false });
  });

  it('inside a key string it replaces the whole string and knows whether a colon follows', () => {
    assert.deepEqual(placeAt('{"cu|"'), { kind: 'key', replace: { start: 1, end: 5, quoted: true }, hasColon: false });
    assert.deepEqual(placeAt('{"cu|": 1}'), { kind: 'key', replace: { start: 1, end: 5, quoted: true }, hasColon: true });
  });

  it('a value of a top-level key, quoted or not, open or closed', () => {
    assert.deepEqual(placeAt('{"url": "|'), { kind: 'value', key: 'url', replace: { start: 8, end: 9, quoted: true } });
    assert.deepEqual(placeAt('{"url": "/v1/ch|"}'), { kind: 'value', key: 'url', replace: { start: 8, end: 16, quoted: true } });
    assert.deepEqual(placeAt('{"method": PO|'), { kind: 'value', key: 'method', replace: { start: 11, end: 13, quoted: false } });
  });

  it('nothing to offer inside the body or after a finished value', () => {
    assert.deepEqual(placeAt('{"body": {"mo|'), { kind: 'other' });
    assert.deepEqual(placeAt('{"method": "POST" |'), { kind: 'other' });
  });

  it('escaped quotes do not end a string', () => {
    assert.deepEqual(placeAt('{"a\\"b": 1, |'), { kind: 'key', replace: { start: 12, end: 12, quoted: false }, hasColon: false });
  });

  it('topLevelKeys lists the envelope keys, not the body keys', () => {
    assert.deepEqual(topLevelKeys('{"custom_id": "x", "body": {"model": "m"}, "url": "u"}'), ['custom_id', 'body', 'url']);
  });
});

describe('nextFreeCustomId', () => {
  it('appends -2, -3, … skipping ids already taken', () => {
    const taken = new Set(['a-2', 'a-3']);
    assert.equal(nextFreeCustomId('a', (id) => taken.has(id)), 'a-4');
    assert.equal(nextFreeCustomId('b', () => false), 'b-2');
  });
});
