// Authoring benchmark (`node esbuild.mjs && node test/harness/bench.mjs authoring`): generating a batch
// file from a template over a 100,000-row CSV, against csv-parse alone reading the same file in the same
// run (goal: under 3x), and the peak RSS of generating 100,000 and 200,000 rows (goal: flat in the
// dataset's size). Each measurement runs in a fresh child process so its peak RSS is its own.
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse';
import { buildBatchFile, type BatchTemplate } from '../../src/core/authoring';

const ROWS = 100_000;
const RUNS = 5;

const TEMPLATE: BatchTemplate = {
  data: 'reviews.csv',
  url: '/v1/chat/completions',
  method: 'POST',
  dialect: 'openai',
  custom_id: 'review-{{id}}',
  body: {
    model: 'gpt-4o-mini',
    max_tokens: 16,
    messages: [
      { role: 'system', content: 'Classify the product review. Answer with exactly one word: positive, negative or mixed.' },
      { role: 'user', content: 'Product: {{product}} ({{rating}} stars)\nReview: {{text}}' },
    ],
  },
};

async function parseOnly(dir: string): Promise<void> {
  const parser = createReadStream(path.join(dir, 'reviews.csv')).pipe(parse({ columns: true, bom: true }));
  let rows = 0;
  for await (const record of parser) if (record) rows++;
  if (rows === 0) throw new Error('no rows');
}

async function generate(dir: string): Promise<void> {
  const report = await buildBatchFile(TEMPLATE, path.join(dir, 'reviews.batch-template.json'), path.join(dir, 'reviews.batch.jsonl'));
  if (report.requests !== report.rows || report.rows === 0) throw new Error(`rows lost: ${JSON.stringify(report)}`);
}

/** CPU time of this process so far (user and system, all threads), ms. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/**
 * The best of each, measured alternately in one process after a warm-up of each: load drifts alike for
 * both, and the best run is the one least disturbed by other work on a shared machine. CPU time, not wall
 * time: on a machine shared with other work, wall time mostly measures the wait for a core.
 */
async function compare(dir: string): Promise<void> {
  await parseOnly(dir);
  await generate(dir);
  let parseMs = Infinity;
  let generateMs = Infinity;
  for (let run = 0; run < RUNS; run++) {
    let started = cpuMs();
    await parseOnly(dir);
    parseMs = Math.min(parseMs, cpuMs() - started);
    started = cpuMs();
    await generate(dir);
    generateMs = Math.min(generateMs, cpuMs() - started);
  }
  process.stdout.write(JSON.stringify({ parseMs, generateMs }));
}

/** One run of `work` in this fresh process: its peak RSS is the run's own. */
async function peakRss(work: () => Promise<void>): Promise<void> {
  await work();
  process.stdout.write(JSON.stringify({ peakRssBytes: process.resourceUsage().maxRSS * 1024 }));
}

async function writeDataset(dir: string, rows: number): Promise<number> {
  const file = path.join(dir, 'reviews.csv');
  const out = createWriteStream(file);
  out.write('id,product,rating,text\n');
  for (let row = 1; row <= rows; row++) {
    const text = `"Review ${row}: the battery lasts a full day, the screen is ""sharp"" in sunlight,\nthough the speaker is thin. ${'Solid value for money. '.repeat(row % 5)}"`;
    if (!out.write(`r${row},Phone X${row % 7},${(row % 5) + 1},${text}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  writeFileSync(path.join(dir, 'reviews.batch-template.json'), JSON.stringify(TEMPLATE));
  return statSync(file).size;
}

function run<T>(mode: string, dir: string): T {
  const child = spawnSync(process.execPath, [__filename, mode, dir], { encoding: 'utf8', maxBuffer: 2 ** 20 });
  if (child.status !== 0) throw new Error(`${mode} run failed: ${child.stderr}`);
  return JSON.parse(child.stdout) as T;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

async function main(): Promise<void> {
  const [mode, dir] = process.argv.slice(2);
  if (mode === 'compare') return compare(dir);
  if (mode === 'parse-rss') return peakRss(() => parseOnly(dir));
  if (mode === 'generate-rss') return peakRss(() => generate(dir));
  const small = mkdtempSync(path.join(os.tmpdir(), 'batch-authoring-bench-'));
  const large = mkdtempSync(path.join(os.tmpdir(), 'batch-authoring-bench-'));
  try {
    const bytes = await writeDataset(small, ROWS);
    const largeBytes = await writeDataset(large, ROWS * 2);
    const { parseMs, generateMs } = run<{ parseMs: number; generateMs: number }>('compare', small);
    const ratio = generateMs / parseMs;
    console.log(`Generating ${ROWS.toLocaleString('en')} rows (${mb(bytes)} CSV, ${mb(statSync(path.join(small, 'reviews.batch.jsonl')).size)} out): ${generateMs.toFixed(0)} ms of CPU (best of ${RUNS}, alternating with the baseline)`);
    console.log(`  baseline, csv-parse alone on the same file: ${parseMs.toFixed(0)} ms; ratio ${ratio.toFixed(2)}x (goal < 3x: ${ratio < 3 ? 'met' : 'NOT met'})`);
    const parsed = run<{ peakRssBytes: number }>('parse-rss', small).peakRssBytes;
    const generated = run<{ peakRssBytes: number }>('generate-rss', small).peakRssBytes;
    const generatedLarge = run<{ peakRssBytes: number }>('generate-rss', large).peakRssBytes;
    console.log(`  peak RSS: ${mb(generated)} at ${ROWS.toLocaleString('en')} rows, ${mb(generatedLarge)} at ${(ROWS * 2).toLocaleString('en')} rows (${mb(largeBytes)} CSV): ${(generatedLarge / generated).toFixed(2)}x for twice the data (csv-parse alone: ${mb(parsed)})`);
  } finally {
    rmSync(small, { recursive: true, force: true });
    rmSync(large, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
