import * as assert from 'node:assert/strict';
import { validateBatchText } from '../../../src/core/validation';
import { DiagnosticCodes } from '../../../src/core/validation/codes';
import { LineRecord, MAX_FINDINGS_PER_LINE } from '../../../src/core/validation/lineRecord';
import { chatRequest } from './helpers';

/**
 * A line's text that counts every character read through `charCodeAt`, the way every scanner in the
 * validator reads a line: an operation count, independent of the machine's speed.
 */
class CountingText extends String {
  reads = 0;
  override charCodeAt(index: number): number {
    this.reads++;
    return super.charCodeAt(index);
  }
}

/** A request line with `count` unknown top-level keys. */
function lineWithUnknownKeys(count: number): string {
  const request: Record<string, unknown> = chatRequest('a');
  for (let index = 0; index < count; index++) request[`extra_${index}`] = index;
  return JSON.stringify(request);
}

function readsToValidate(count: number): { reads: number; length: number } {
  const text = new CountingText(lineWithUnknownKeys(count));
  new LineRecord(text as unknown as string, 0, { provider: 'openai' }).findings('input');
  return { reads: text.reads, length: text.length };
}

const SMALL = 2_500;
const LARGE = 20_000;

describe('validation is linear in the line\'s length', () => {
  it('a line of 20,000 unknown keys reads each character a bounded number of times', () => {
    const small = readsToValidate(SMALL);
    const large = readsToValidate(LARGE);
    // Quadratic (a scan per key) would read the large line about 8 x 8 = 64 times as often as the small one.
    assert.ok(large.reads / large.length < 4, `${large.reads} reads of ${large.length} characters`);
    assert.ok(large.reads / small.reads < (large.length / small.length) * 1.5, `${small.reads} -> ${large.reads}`);
  });

  it('lists at most 100 findings on a line, then one summary that counts the rest', () => {
    const report = validateBatchText(`${lineWithUnknownKeys(30_000)}\n`, { provider: 'openai' });
    assert.equal(report.diagnostics.length, MAX_FINDINGS_PER_LINE + 1);
    const summaries = report.diagnostics.filter((diagnostic) => diagnostic.code === DiagnosticCodes.tooManyDiagnostics);
    assert.equal(summaries.length, 1);
    const [summary] = summaries;
    assert.equal(summary.code, DiagnosticCodes.tooManyDiagnostics);
    assert.match(summary.message, /29,?900 more problems on this line \(unknown_parameter\)/);
    assert.equal(summary.severity, 'warning');
  });
});
