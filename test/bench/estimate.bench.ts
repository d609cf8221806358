// Estimate benchmark (`npm run bench`): counting tokens of a 50,000-request chat batch (about 52 MB) with
// `batch-studio estimate` against `batch-studio validate` on the same file in the same run (goal ≤ 3x),
// re-counting after a one-line edit in the editor's incremental estimate (goal < 10 ms), and the peak RSS
// of `batch-studio estimate` on a 200 MB file (goal < 250 MB).
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { DocumentTokenEstimate } from '../../src/core/estimate';
import { BatchDocumentValidator } from '../../src/core/validation';
import { chatRequestLine } from './chatRequests';

const REQUESTS = 50_000;
const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist/cli.js');

async function writeBatch(file: string, filler: number): Promise<void> {
  const out = createWriteStream(file);
  for (let index = 0; index < REQUESTS; index++) {
    if (!out.write(`${chatRequestLine(index, filler)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

/** Runs the CLI; resolves with its wall time and peak RSS. */
function runCli(preload: string, ...args: string[]): { seconds: number; maxRssMb: number; status: number | null } {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['-r', preload, cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = (performance.now() - started) / 1000;
  return { seconds, maxRssMb: Number(/maxRSS (\d+)/.exec(result.stderr)?.[1]) / 1024, status: result.status };
}

function editMs(): number {
  const text = Array.from({ length: REQUESTS }, (_, index) => chatRequestLine(index, 18)).join('\n');
  const validator = new BatchDocumentValidator({ provider: 'openai' });
  const estimate = new DocumentTokenEstimate(validator);
  validator.setText(text);
  validator.getReport();
  estimate.countPending();
  const line = Math.floor(REQUESTS / 2);
  const times: number[] = [];
  for (let run = 0; run < 41; run++) {
    const started = performance.now();
    validator.applyEdit(line, line, chatRequestLine(line + (run % 2), 18 + (run % 3)));
    validator.getReport();
    estimate.countPending();
    estimate.fileTokens();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[20];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batch-estimate-bench-'));
  try {
    const preload = path.join(dir, 'report-rss.js');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, `maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
    const file = path.join(dir, 'chat.batch.jsonl');
    await writeBatch(file, 18);
    console.log(`File: ${REQUESTS} chat requests, ${(statSync(file).size / 2 ** 20).toFixed(1)} MB`);
    // Alternate, keeping each one's best of three, so load from other processes colours neither more.
    let validate = Infinity;
    let estimate = Infinity;
    for (let round = 0; round < 3; round++) {
      validate = Math.min(validate, runCli(preload, 'validate', file).seconds);
      estimate = Math.min(estimate, runCli(preload, 'estimate', file, '--format', 'json').seconds);
    }
    console.log(`1. batch-studio estimate: ${estimate.toFixed(2)} s vs batch-studio validate ${validate.toFixed(2)} s = ${(estimate / validate).toFixed(2)}x (goal ≤ 3x)`);
    console.log(`2. Re-count after a one-line edit in ${REQUESTS} lines (validation report included): ${editMs().toFixed(2)} ms (goal < 10 ms)`);
    const large = path.join(dir, 'large.batch.jsonl');
    await writeBatch(large, 81);
    const run = runCli(preload, 'estimate', large, '--format', 'json');
    console.log(`3. batch-studio estimate on a ${(statSync(large).size / 2 ** 20).toFixed(0)} MB file: exit ${run.status}, ${run.seconds.toFixed(1)} s, peak RSS ${run.maxRssMb.toFixed(0)} MB (goal < 250 MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
