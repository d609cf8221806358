// Results benchmark (`node esbuild.mjs && node test/harness/bench.mjs results`): 50,000 requests and about
// 100 MB of shuffled output (with failures in the body, an error file and missing ids). Measures joining
// by custom_id plus producing the aligned document text, against the goals of issue 7 (≤ 2 s, ≤ 3x the
// output's size in memory), and against a plain JSON.parse of every output line in the same run. Each
// measurement runs in a fresh child process so its peak RSS (getrusage maxRSS) is its own.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { alignedDocumentText, joinResultsByCustomId } from '../../src/core/results';

const REQUESTS = 50_000;
const TARGET_OUTPUT_BYTES = 100 * 2 ** 20;
const RUNS = 3;

interface Measurement {
  /** Median wall time of the runs, ms. */
  ms: number;
  /** Peak RSS minus the RSS before the first run, bytes. */
  peakBytes: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Runs `work` RUNS times (collecting garbage between), in this process; prints the measurement as JSON. */
async function measure(work: () => Promise<void>): Promise<void> {
  gc();
  const baseline = process.memoryUsage().rss;
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
    gc();
  }
  const peakBytes = process.resourceUsage().maxRSS * 1024 - baseline;
  const result: Measurement = { ms: times.sort((a, b) => a - b)[Math.floor(RUNS / 2)], peakBytes };
  process.stdout.write(JSON.stringify(result));
}

/** The floor: read the output file and JSON.parse every line, keeping nothing. */
async function parseEveryLine(outputPath: string): Promise<void> {
  for (const line of readFileSync(outputPath, 'utf8').split('\n')) if (line) JSON.parse(line);
}

async function joinAndAlign(dir: string): Promise<void> {
  const join = await joinResultsByCustomId(path.join(dir, 'input.batch.jsonl'), path.join(dir, 'output.jsonl'), path.join(dir, 'errors.jsonl'));
  const text = alignedDocumentText(join);
  if (join.total !== REQUESTS || text.length === 0) throw new Error('the join lost requests');
}

const SENTENCE = 'The battery lasts a full day and the screen stays sharp in sunlight, though the speaker is thin. ';

/** A deterministic shuffle (the order a provider writes results in is not the input's). */
function shuffled(count: number): number[] {
  const order = Array.from({ length: count }, (_, index) => index);
  let seed = 42;
  for (let index = count - 1; index > 0; index--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const other = seed % (index + 1);
    [order[index], order[other]] = [order[other], order[index]];
  }
  return order;
}

async function write(stream: WriteStream, text: string): Promise<void> {
  if (!stream.write(text)) await once(stream, 'drain');
}

async function close(stream: WriteStream): Promise<void> {
  stream.end();
  await once(stream, 'finish');
}

/** Writes the input, output and error files, streaming, so the parent's memory stays small. */
async function generate(dir: string): Promise<{ outputBytes: number; inputBytes: number }> {
  const input = createWriteStream(path.join(dir, 'input.batch.jsonl'));
  for (let index = 0; index < REQUESTS; index++) {
    const request = {
      custom_id: `request-${index}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [{ role: 'system', content: 'Summarise the review in a paragraph.' }, { role: 'user', content: `Review ${index}: ${SENTENCE.repeat(2)}` }] },
    };
    await write(input, `${JSON.stringify(request)}\n`);
  }
  await close(input);
  const output = createWriteStream(path.join(dir, 'output.jsonl'));
  const errors = createWriteStream(path.join(dir, 'errors.jsonl'));
  // Sized so the output is about TARGET_OUTPUT_BYTES: ~600 bytes of envelope around each answer.
  const answer = SENTENCE.repeat(Math.round((TARGET_OUTPUT_BYTES / REQUESTS - 600) / SENTENCE.length)).replace(/\. The/g, '.\nThe');
  for (const index of shuffled(REQUESTS)) {
    const customId = `request-${index}`;
    if (index % 1000 === 999) continue; // missing
    if (index % 97 === 0) {
      await write(errors, `${JSON.stringify({ id: `batch_req_${index}`, custom_id: customId, response: null, error: { code: 'batch_expired', message: 'This request could not be executed before the completion window expired.' } })}\n`);
      continue;
    }
    const body =
      index % 50 === 0
        ? { error: { message: 'Rate limit reached for gpt-4o-mini.', type: 'requests', param: null, code: 'rate_limit_exceeded' } }
        : {
            id: `chatcmpl-${index}`,
            object: 'chat.completion',
            created: 1742500035,
            model: 'gpt-4o-mini-2024-07-18',
            choices: [{ index: 0, message: { role: 'assistant', content: `(${index}) ${answer}`, refusal: null }, logprobs: null, finish_reason: 'stop' }],
            usage: { prompt_tokens: 52, completion_tokens: 380, total_tokens: 432, prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 } },
            system_fingerprint: 'fp_0123456789',
          };
    const line = { id: `batch_req_${index}`, custom_id: customId, response: { status_code: index % 50 === 0 ? 429 : 200, request_id: `req_${index.toString(16).padStart(24, '0')}`, body }, error: null };
    await write(output, `${JSON.stringify(line)}\n`);
  }
  await Promise.all([close(output), close(errors)]);
  return { outputBytes: statSync(path.join(dir, 'output.jsonl')).size, inputBytes: statSync(path.join(dir, 'input.batch.jsonl')).size };
}

function runChild(mode: 'join' | 'floor', dir: string): Measurement {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, mode, dir], { encoding: 'utf8', maxBuffer: 2 ** 20 });
  if (child.status !== 0) throw new Error(`${mode} run failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as Measurement;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if (mode === 'join') return measure(() => joinAndAlign(dir));
  if (mode === 'floor') return measure(() => parseEveryLine(path.join(dir, 'output.jsonl')));

  const temp = mkdtempSync(path.join(os.tmpdir(), 'results-bench-'));
  try {
    const { outputBytes, inputBytes } = await generate(temp);
    // Other work on the machine slows both figures alike; the ratios against the floor are steadier.
    console.log(`Load average: ${os.loadavg().map((load) => load.toFixed(1)).join(', ')} on ${os.cpus().length} cores`);
    console.log(`Files: ${REQUESTS} requests, input ${mb(inputBytes)}, output ${mb(outputBytes)} (shuffled; 2% HTTP 429 in the body, 1% expired in the error file, 0.1% missing)`);
    const floor = runChild('floor', temp);
    const ours = runChild('join', temp);
    console.log(`Floor (readFileSync + split + JSON.parse of every output line): ${floor.ms.toFixed(0)} ms, peak +${mb(floor.peakBytes)}`);
    const timeOk = ours.ms <= 2000;
    const memoryOk = ours.peakBytes <= 3 * outputBytes;
    console.log(
      `Join by custom_id + aligned document text: ${ours.ms.toFixed(0)} ms (median of ${RUNS}) = ${(ours.ms / floor.ms).toFixed(2)}x the floor; goal ≤ 2000 ms: ${timeOk ? 'met' : 'NOT met'}`,
    );
    console.log(
      `Memory: peak RSS +${mb(ours.peakBytes)} = ${(ours.peakBytes / outputBytes).toFixed(2)}x the output's size, ${(ours.peakBytes / floor.peakBytes).toFixed(2)}x the floor's; goal ≤ 3x the output: ${memoryOk ? 'met' : 'NOT met'}`,
    );
    if (!timeOk || !memoryOk) process.exitCode = 1;
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
