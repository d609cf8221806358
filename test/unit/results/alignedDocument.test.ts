import * as assert from 'node:assert/strict';
import path from 'node:path';
import { alignedDocumentLines, alignedDocumentText, formatAlignedLine, joinResultsByCustomId, type JoinedResult } from '../../../src/core/results';
import { fixtures } from './helpers';

const usage = { prompt: 0, completion: 0, cached: 0, reasoning: 0, total: 0 };

describe('results: aligned document', () => {
  it('line N summarises the result of input line N; blank input lines stay blank', async () => {
    const join = await joinResultsByCustomId(
      path.join(fixtures, 'mixed.batch.jsonl'),
      path.join(fixtures, 'mixed.results.jsonl'),
      path.join(fixtures, 'mixed.errors.jsonl'),
    );
    assert.deepEqual(alignedDocumentLines(join), [
      'Hi!',
      'Red, "crimson", or ¶ scarlet.',
      '',
      "[failed 400] invalid_request_error: This model's maximum context length is 8192 tokens.",
      '[failed] batch_expired: This request could not be executed before the completion window expired.',
      '[failed] 500: json_format with no json in system prompt',
      '[missing] no result for this custom_id',
      '',
    ]);
    assert.equal(alignedDocumentText(join), alignedDocumentLines(join).join('\n'));
  });

  it('keeps a long or multi-line answer on one line, cut at maxLength', () => {
    const result: JoinedResult = { line: 0, customId: 'a', status: 'succeeded', text: `a\r\nb\tc${'x'.repeat(50)}`, usage };
    const line = formatAlignedLine(result, { maxLength: 20 });
    assert.equal(line, 'a ¶ b cxxxxxxxxxxxx…');
    assert.equal(line.length, 20);
    assert.equal(formatAlignedLine({ ...result, text: 'y'.repeat(5000) }).length, 500);
    assert.equal(formatAlignedLine({ ...result, status: 'failed', statusCode: 400, text: 'x'.repeat(600) }).length, 500);
  });
});
