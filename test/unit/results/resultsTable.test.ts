import * as assert from 'node:assert/strict';
import { joinResultsByCustomId } from '../../../src/core/results';
import { buildResultsTableRows, countByStatus, filterResultsTableRows } from '../../../src/core/results/resultsTable';
import { chatRequest, chatResult, errorResult, jsonl, useTempDir } from './helpers';

describe('the results table rows', () => {
  const temp = useTempDir();

  async function rows() {
    const input = temp.write(
      'in.batch.jsonl',
      jsonl(
        chatRequest('ok', 'What is the capital of France?'),
        '',
        { custom_id: 'fail', method: 'POST', url: '/v1/chat/completions', body: { model: 'm', messages: [{ role: 'system', content: 'Be brief.' }, { role: 'user', content: 'First' }, { role: 'assistant', content: 'x' }, { role: 'user', content: 'Last\nquestion' }] } },
        chatRequest('gone'),
      ),
    );
    const output = temp.write('out.jsonl', jsonl(chatResult('ok', 'Paris.\nIt is.', { prompt_tokens: 12, completion_tokens: 3, total_tokens: 15 })));
    const errors = temp.write('err.jsonl', jsonl(errorResult('fail', 'context_length_exceeded', 'Too long <b>really</b>')));
    return buildResultsTableRows(await joinResultsByCustomId(input, output, errors));
  }

  it('has one row per request in input order: custom_id, status, last user message, answer, tokens, error', async () => {
    const table = await rows();
    assert.deepEqual(
      table.map((row) => [row.line, row.customId, row.status, row.prompt, row.answer, row.tokens, row.error]),
      [
        [0, 'ok', 'succeeded', 'What is the capital of France?', 'Paris.\nIt is.', 15, ''],
        [2, 'fail', 'failed', 'Last\nquestion', '', 0, 'context_length_exceeded: Too long <b>really</b>'],
        [3, 'gone', 'missing', 'Say hello to gone', '', 0, 'no result for this custom_id'],
      ],
    );
  });

  it('filters by status and searches custom_id, prompt, answer and error, case-insensitively', async () => {
    const table = await rows();
    assert.deepEqual([...filterResultsTableRows(table, { status: 'failed', search: '' })], [1]);
    assert.deepEqual([...filterResultsTableRows(table, { status: 'all', search: 'PARIS' })], [0]);
    assert.deepEqual([...filterResultsTableRows(table, { status: 'all', search: 'context_length' })], [1]);
    assert.deepEqual([...filterResultsTableRows(table, { status: 'succeeded', search: 'context' })], []);
    assert.deepEqual(countByStatus(table), { all: 3, succeeded: 1, failed: 1, missing: 1 });
  });

  it('cuts long cells to a readable length', async () => {
    const long = 'word '.repeat(500);
    const input = temp.write('long.batch.jsonl', jsonl(chatRequest('a', long)));
    const output = temp.write('long.out.jsonl', jsonl(chatResult('a', long)));
    const [row] = await buildResultsTableRows(await joinResultsByCustomId(input, output));
    assert.ok(row.prompt.length <= 300 && row.prompt.endsWith('…'), String(row.prompt.length));
    assert.ok(row.answer.length <= 300 && row.answer.endsWith('…'), String(row.answer.length));
  });
});
