import * as assert from 'node:assert/strict';
import { locateJsonMember, memberRemovalRange } from '../../../src/core/jsonl/jsonLocator';
import { findJsonSyntaxError } from '../../../src/core/jsonl/jsonSyntax';

describe('findJsonSyntaxError', () => {
  const cases: [string, number][] = [
    ['{"a": tru}', 9],
    ['{"a": 1,}', 8],
    ['{"a" 1}', 5],
    ['{a: 1}', 1],
    ['{"a": "x\u0001"}', 8],
    ['{"a": "\\q"}', 8],
    ['{"a": 01}', 7],
    ['{"a": 1} x', 9],
    ['{"a": [1, 2}', 11],
    ['{"a": "open', 6],
    ['', 0],
  ];
  for (const [text, offset] of cases) {
    it(`finds the first bad character of ${JSON.stringify(text)}`, () => {
      assert.equal(findJsonSyntaxError(text)?.offset, offset);
    });
  }
  it('agrees with JSON.parse on valid JSON', () => {
    for (const text of ['{}', '[]', '{"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]}', ' 1 ', '"x"']) {
      assert.equal(findJsonSyntaxError(text), undefined, text);
    }
  });
  it('handles 100,000 levels without recursion', () => {
    assert.equal(findJsonSyntaxError('['.repeat(100_000))?.offset, 100_000);
  });
});

describe('locateJsonMember', () => {
  const text = '{"custom_id": "a", "body": {"messages": [{"role": "user"}, {"role": "robot"}], "model": "m"}, "url": "/v1/x"}';
  const slice = (path: (string | number)[]) => {
    const member = locateJsonMember(text, path);
    return member && [text.slice(member.keyStart, member.keyEnd), text.slice(member.valueStart, member.valueEnd)];
  };
  it('finds members by path, skipping containers off the path', () => {
    assert.deepEqual(slice(['custom_id']), ['"custom_id"', '"a"']);
    assert.deepEqual(slice(['body', 'model']), ['"model"', '"m"']);
    assert.deepEqual(slice(['body', 'messages', 1, 'role']), ['"role"', '"robot"']);
    assert.deepEqual(slice(['body', 'messages', 1]), ['', '{"role": "robot"}']);
    assert.deepEqual(slice(['url']), ['"url"', '"/v1/x"']);
  });
  it('returns undefined for absent paths and broken text', () => {
    assert.equal(slice(['method']), undefined);
    assert.equal(slice(['body', 'messages', 5]), undefined);
    assert.equal(locateJsonMember('{"a": [1, ', ['b']), undefined);
  });
  it('finds the last of repeated keys, the one JSON.parse (and the provider) keeps', () => {
    const repeated = '{"method": "POST", "body": {"stream": false, "x": {"stream": 1}, "stream": true}, "method": "GET"}';
    const at = (path: string[]) => {
      const member = locateJsonMember(repeated, path)!;
      return repeated.slice(member.keyStart, member.valueEnd);
    };
    assert.equal(at(['method']), '"method": "GET"');
    assert.equal(at(['body', 'stream']), '"stream": true');
  });
  it('reads escaped keys', () => {
    const member = locateJsonMember('{"\\u0061": 1}', ['a']);
    assert.equal(member?.valueStart, 11);
  });
  it('gives removal ranges that keep the object valid', () => {
    for (const [source, key] of [['{"a": 1, "b": 2}', 'a'], ['{"a": 1, "b": 2}', 'b'], ['{"a": 1}', 'a']] as const) {
      const member = locateJsonMember(source, [key])!;
      const range = memberRemovalRange(source, member);
      const result = JSON.parse(source.slice(0, range.start) + source.slice(range.end));
      assert.equal(key in result, false);
    }
  });
});
