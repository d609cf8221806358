import * as assert from 'node:assert/strict';
import { answersLine, answerSucceeded, journalAnswer } from '../../../src/core/runner/runJournal';

describe('a journal answer held as one number', () => {
  // Two 24-digit line hashes that differ only in their last digit, and one that differs in its first.
  const hash = 'a3f09c1b27d4e5f60718293a';
  const sameStart = 'a3f09c1b27d4e5f60718293b';
  const other = 'b3f09c1b27d4e5f60718293a';

  it('keeps whether the request succeeded', () => {
    assert.equal(answerSucceeded(journalAnswer(hash, true)), true);
    assert.equal(answerSucceeded(journalAnswer(hash, false)), false);
    assert.equal(answerSucceeded(journalAnswer(undefined, true)), true);
    assert.equal(answerSucceeded(journalAnswer(undefined, false)), false);
  });

  it('answers the line it was written for and not an edited one', () => {
    for (const succeeded of [true, false]) {
      const answer = journalAnswer(hash, succeeded);
      assert.equal(answersLine(answer, hash), true);
      assert.equal(answersLine(answer, other), false);
      // 48 bits of the hash are kept: lines differing past them are the one chance in 2^48.
      assert.equal(answersLine(answer, sameStart), true);
    }
  });

  it('an answer with no hash (a downloaded results file) answers its custom_id whatever the line', () => {
    assert.equal(answersLine(journalAnswer(undefined, true), hash), true);
    assert.equal(answersLine(journalAnswer(undefined, false), other), true);
  });

  it('is an exact integer for the largest hash', () => {
    const answer = journalAnswer('ffffffffffffffffffffffff', true);
    assert.ok(Number.isSafeInteger(answer));
    assert.equal(answersLine(answer, 'ffffffffffff000000000000'), true);
    assert.equal(answersLine(answer, 'fffffffffffe000000000000'), false);
  });
});
