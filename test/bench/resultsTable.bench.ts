// Results table benchmark (`node esbuild.mjs && node test/harness/bench.mjs resultsTable`): opening the
// table of 50,000 results, as the extension does once the results are joined: the rows (the prompt read
// from each input line), the unfiltered view and the first page posted to the webview (serialised). Set
// against a plain JSON.parse of every input line in the same run (the table reads the input once), and
// against building the aligned document from the same join (what Open Results already does). Also: a
// search over all rows, and the rows' retained heap.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { alignedDocumentText, joinResultsByCustomId, type ResultsJoin } from '../../src/core/results';
import { buildResultsTableRows, filterResultsTableRows, type ResultsTableRow } from '../../src/core/results/resultsTable';

const REQUESTS = 50_000;
const PAGE = 200;
const RUNS = 5;

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function median(work: () => Promise<unknown> | unknown): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    gc();
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

const SENTENCE = 'The battery lasts a full day and the screen stays sharp in sunlight, though the speaker is thin. ';

async function generate(dir: string): Promise<void> {
  const input = createWriteStream(path.join(dir, 'input.batch.jsonl'));
  const output = createWriteStream(path.join(dir, 'output.jsonl'));
  for (let index = 0; index < REQUESTS; index++) {
    const customId = `request-${index}`;
    const body = { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Summarise the review.' }, { role: 'user', content: `Review ${index}: ${SENTENCE.repeat(8)}` }] };
    await write(input, `${JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body })}\n`);
    const failed = index % 20 === 0;
    const responseBody = failed
      ? { error: { message: 'Invalid value for max_tokens.', type: 'invalid_request_error', code: 'invalid_value' } }
      : { object: 'chat.completion', model: 'gpt-4o-mini', choices: [{ index: 0, message: { role: 'assistant', content: `(${index}) ${SENTENCE.repeat(4)}` } }], usage: { prompt_tokens: 120, completion_tokens: 90, total_tokens: 210 } };
    await write(output, `${JSON.stringify({ id: `batch_req_${index}`, custom_id: customId, response: { status_code: failed ? 400 : 200, body: responseBody }, error: null })}\n`);
  }
  input.end();
  output.end();
  await Promise.all([once(input, 'finish'), once(output, 'finish')]);
}

/** What opening the table costs the extension host: rows, the unfiltered view, the first page as posted. */
async function openTable(join: ResultsJoin): Promise<ResultsTableRow[]> {
  const rows = await buildResultsTableRows(join);
  const view = filterResultsTableRows(rows, { status: 'all', search: '' });
  const page = Array.from(view.subarray(0, PAGE), (index) => rows[index]);
  if (JSON.stringify({ type: 'rows', total: view.length, offset: 0, rows: page }).length === 0) throw new Error('empty page');
  return rows;
}

async function main(): Promise<void> {
  const temp = mkdtempSync(path.join(os.tmpdir(), 'table-bench-'));
  try {
    await generate(temp);
    const inputPath = path.join(temp, 'input.batch.jsonl');
    const join = await joinResultsByCustomId(inputPath, path.join(temp, 'output.jsonl'));
    console.log(`Load average: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')} on ${os.cpus().length} cores`);
    console.log(`Files: ${REQUESTS} requests, input ${(statSync(inputPath).size / 2 ** 20).toFixed(1)} MB, 5% failed`);
    const floor = await median(() => {
      for (const line of readFileSync(inputPath, 'utf8').split('\n')) if (line) JSON.parse(line);
    });
    const aligned = await median(() => alignedDocumentText(join));
    const open = await median(() => openTable(join));
    gc();
    const before = process.memoryUsage().heapUsed;
    const rows = await openTable(join);
    gc();
    const retained = process.memoryUsage().heapUsed - before;
    const search = await median(() => filterResultsTableRows(rows, { status: 'all', search: 'review 4999' }));
    const failedOnly = await median(() => filterResultsTableRows(rows, { status: 'failed', search: '' }));
    console.log(`Floor (readFileSync + split + JSON.parse of every input line): ${floor.toFixed(0)} ms`);
    console.log(`Aligned document of the same join (Open Results): ${aligned.toFixed(0)} ms`);
    console.log(
      `Opening the 50,000-row table (rows with prompts, unfiltered view, first ${PAGE}-row page serialised): ${open.toFixed(0)} ms (median of ${RUNS}) = ${(open / floor).toFixed(2)}x the floor, ${(open / aligned).toFixed(1)}x the aligned document; goal ≤ 1.5x the floor: ${open <= 1.5 * floor ? 'met' : 'NOT met'}`,
    );
    console.log(`Rows retained: ${(retained / 2 ** 20).toFixed(1)} MB (${rows.length} rows); a search over all rows: ${search.toFixed(1)} ms; failed only: ${failedOnly.toFixed(1)} ms`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
