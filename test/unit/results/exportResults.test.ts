import * as assert from 'node:assert/strict';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { EXPORT_COLUMNS, joinResultsByCustomId, summarizeRequest, writeResultsExport, type ExportFormat } from '../../../src/core/results';
import { csvField, csvRecord } from '../../../src/core/results/csv';
import { fixtures } from './helpers';

async function exportText(format: ExportFormat): Promise<string> {
  const join = await joinResultsByCustomId(
    path.join(fixtures, 'mixed.batch.jsonl'),
    path.join(fixtures, 'mixed.results.jsonl'),
    path.join(fixtures, 'mixed.errors.jsonl'),
  );
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  assert.equal(await writeResultsExport(join, format, out), 6);
  return Buffer.concat(chunks).toString('utf8');
}

describe('results: export', () => {
  it('quotes CSV fields per RFC 4180: commas, quotes, CR and LF', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField('cr\rhere'), '"cr\rhere"');
    assert.equal(csvField(' spaced '), ' spaced ');
  });

  it('keeps model text from running as a spreadsheet formula, and numbers as numbers', () => {
    assert.equal(csvField('=HYPERLINK("http://x","click")'), '"\'=HYPERLINK(""http://x"",""click"")"');
    for (const risky of ['+1', '-2+3', '@SUM(A1)', '\tTAB']) assert.equal(csvField(risky), `'${risky}`);
    assert.equal(csvField(-5), '-5');
    for (const number of ['-3', '-1.5', '-2e3', '-.5']) assert.equal(csvField(number), number);
    assert.equal(csvField('-3-cmd'), "'-3-cmd");
    assert.equal(csvField('a=b'), 'a=b');
    assert.equal(csvField(42), '42');
    assert.equal(csvField(undefined), '');
    assert.equal(csvRecord(['a', 'b,c', undefined]), 'a,"b,c",\r\n');
  });

  it('writes a CSV header and one row per request, in input order', async () => {
    const text = await exportText('csv');
    const records = text.split('\r\n');
    assert.equal(records[0], EXPORT_COLUMNS.join(','));
    assert.equal(records[1], '1,q1,succeeded,200,,Say hi,Hi!,12,5,4,0,17');
    assert.equal(records[2], '2,q2,succeeded,200,,"Name a colour, ""quoted"", with a comma","Red, ""crimson"", or\nscarlet.",12,5,4,0,17');
    assert.equal(records[3], "4,q3,failed,400,invalid_request_error,Too long prompt,invalid_request_error: This model's maximum context length is 8192 tokens.,0,0,0,0,0");
    assert.equal(records[6], '7,q6,missing,,,Never answered,,0,0,0,0,0');
    assert.equal(records[7], '');
  });

  it('writes JSONL rows with the same keys', async () => {
    const rows = (await exportText('jsonl')).trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(rows.length, 6);
    assert.deepEqual(Object.keys(rows[0]), [...EXPORT_COLUMNS]);
    assert.deepEqual(rows[4], {
      line: 6, custom_id: 'q5', status: 'failed', status_code: null, error_code: '500', input: 'Crashes the tool',
      output: '500: json_format with no json in system prompt', prompt_tokens: 0, completion_tokens: 0, cached_tokens: 0, reasoning_tokens: 0, total_tokens: 0,
    });
  });

  it('summarises a request by its last user message, input or prompt', () => {
    const chat = { body: { messages: [{ role: 'user', content: 'first' }, { role: 'assistant', content: 'x' }, { role: 'user', content: [{ type: 'text', text: '  second\n  question ' }] }] } };
    assert.equal(summarizeRequest(JSON.stringify(chat)), 'second question');
    assert.equal(summarizeRequest(JSON.stringify({ body: { input: 'a responses input' } })), 'a responses input');
    assert.equal(summarizeRequest(JSON.stringify({ body: { input: [{ role: 'user', content: [{ type: 'input_text', text: 'hi' }] }] } })), 'hi');
    assert.equal(summarizeRequest(JSON.stringify({ body: { input: ['one', 'two', 'three'] } })), 'one [+2 more]');
    assert.equal(summarizeRequest(JSON.stringify({ body: { prompt: 'complete me' } })), 'complete me');
    assert.equal(summarizeRequest(JSON.stringify({ body: { prompt: 'x'.repeat(300) } })).length, 200);
    assert.equal(summarizeRequest('not json'), '');
  });
});
