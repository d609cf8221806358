// Runner benchmarks (`node esbuild.mjs && node test/harness/bench.mjs runner`): `batch-studio run` (its own
// process, as shipped) against `batch-studio emulator` (another process) on loopback.
//  1. Pacing: 2,000 requests at an emulated RPM limit, then at a TPM limit; goal ≥ 0.9 of the limit with ≤ 1%
//     of requests answered 429. The emulator runs at --time-scale 12, so its per-minute window lasts five real
//     seconds (stricter than a minute: a burst at any window's start would be refused) and the run is short.
//  2. kill -9 at half-way, then the same command: every request answered exactly once, sent twice ≤ the
//     concurrency. A counting proxy between the two sees every request that reaches the server.
//  3. Memory: a 200,000-request file; peak RSS of a fresh run, and of a resumed one whose journal holds
//     190,000 earlier answers (the most a resumed run reads back). Each runs for a bounded time
//     (BENCH_RUNNER_SECONDS, default 40 s) unless BENCH_RUNNER_FULL=1.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { rateLimitTokens } from '../../src/core/estimate/rateLimitTokens';
import { journalLineId, lineHash } from '../../src/core/runner/lineHash';
import { journalPathsFor } from '../../src/core/runner/runJournal';
import { chatRequestLine } from './chatRequests';

const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const MB = 2 ** 20;
/** One emulated minute lasts 5 real seconds: limits are enforced in 5-second windows. */
const TIME_SCALE = 12;

interface RunJson {
  status: string;
  total: number;
  succeeded: number;
  failed: number;
  skipped_already_done: number;
  resent: number;
  rate_limited: number;
  elapsed_ms: number;
  requests_per_s: number;
  tokens_per_s: number;
  output: string | null;
}

async function writeInput(file: string, count: number, filler = 8): Promise<void> {
  const out = createWriteStream(file);
  for (let index = 0; index < count; index++) {
    if (!out.write(chatRequestLine(index, filler) + '\n')) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function startEmulatorProcess(args: string[]): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', '1', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const url = /listening on (\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected first line: ${line}`);
  return { url, process: child };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

/** Peak resident memory (VmHWM) of a live process, from /proc (Linux). */
function peakRss(pid: number): number | undefined {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return undefined;
  }
}

interface CliRun {
  json?: RunJson;
  code: number | null;
  signal: NodeJS.Signals | null;
  peakRss: number;
}

/** Runs `batch-studio run`; `watch` is called every 100 ms with the child, to interrupt or kill it. */
async function runCli(args: string[], watch?: (child: ChildProcess) => void): Promise<CliRun> {
  const child = spawn(process.execPath, [cli, 'run', ...args, '--format', 'json'], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, BATCH_STUDIO_API_KEY: 'bench' } });
  let stdout = '';
  let peak = 0;
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const sampler = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid!) ?? 0);
    watch?.(child);
  }, 100);
  const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
  clearInterval(sampler);
  const last = stdout.trim().split('\n').at(-1);
  return { json: last ? (JSON.parse(last) as RunJson) : undefined, code, signal, peakRss: peak };
}

function lineCount(file: string): number {
  if (!existsSync(file)) return 0;
  const text = readFileSync(file, 'utf8');
  let count = 0;
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) count++;
  return count;
}

async function pacing(workDir: string): Promise<boolean> {
  const requests = 2000;
  const input = path.join(workDir, 'paced.batch.jsonl');
  await writeInput(input, requests);
  const perRequestTokens = rateLimitTokens('/v1/chat/completions', (JSON.parse(chatRequestLine(0)) as { body: Record<string, unknown> }).body);
  // The emulator's limits count per emulated minute (TIME_SCALE of them a real minute); the client's per real minute.
  const rpmPerSecond = 20;
  const tpmPerSecond = 15 * perRequestTokens;
  const perEmulatedMinute = (perSecond: number) => String(Math.round((perSecond * 60) / TIME_SCALE));
  let ok = true;
  for (const limit of [
    { name: 'RPM', emulator: ['--rpm', perEmulatedMinute(rpmPerSecond)], client: ['--rpm', String(rpmPerSecond * 60)], perMinute: rpmPerSecond * 60, unit: 'requests', perRequest: 1 },
    { name: 'TPM', emulator: ['--tpm', perEmulatedMinute(tpmPerSecond)], client: ['--tpm', String(tpmPerSecond * 60)], perMinute: tpmPerSecond * 60, unit: 'tokens', perRequest: perRequestTokens },
  ]) {
    const emulator = await startEmulatorProcess(['--time-scale', String(TIME_SCALE), '--latency-ms', '50', ...limit.emulator]);
    try {
      rmSync(path.join(workDir, 'paced.results.jsonl'), { force: true });
      const { json } = await runCli([input, '--base-url', emulator.url, '--concurrency', '32', ...limit.client]);
      if (!json || json.succeeded !== requests) throw new Error(`${limit.name} run did not answer every request: ${JSON.stringify(json)}`);
      const achievedPerMinute = (requests * limit.perRequest) / (json.elapsed_ms / 60_000);
      const ratio = achievedPerMinute / limit.perMinute;
      const limited = json.rate_limited / requests;
      const met = ratio >= 0.9 && limited <= 0.01;
      ok &&= met;
      console.log(
        `[load ${os.loadavg()[0].toFixed(1)}] ${limit.name} limit ${Math.round(limit.perMinute).toLocaleString('en-US')} ${limit.unit}/min (enforced per emulated minute = ${60 / TIME_SCALE} real seconds), 50 ms latency, concurrency 32: ` +
          `${requests} requests in ${(json.elapsed_ms / 1000).toFixed(1)} s = ${Math.round(achievedPerMinute).toLocaleString('en-US')} ${limit.unit}/min = ${ratio.toFixed(3)}x the limit; ` +
          `${json.rate_limited} answered 429 (${(limited * 100).toFixed(2)}%) (goal ≥ 0.9x, ≤ 1%: ${met ? 'met' : 'MISSED'})`,
      );
    } finally {
      await stop(emulator.process);
    }
  }
  return ok;
}

/** A loopback proxy that counts, per request index (from the prompt), how often a request reached the server. */
async function countingProxy(target: string): Promise<{ url: string; sends: Map<number, number>; close(): Promise<void> }> {
  const upstream = new URL(target);
  const sends = new Map<number, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const index = Number(/Review (\d+):/.exec(body.toString())?.[1] ?? -1);
      sends.set(index, (sends.get(index) ?? 0) + 1);
      // The emulator answers only requests that name it in Host (DNS rebinding): the proxy names the emulator.
      const headers = { ...req.headers, host: upstream.host };
      const forward = httpRequest({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forward.on('error', () => res.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${upstream.pathname}`,
    sends,
    close: () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

async function killAndResume(workDir: string): Promise<boolean> {
  const requests = 2000;
  const concurrency = 16;
  const input = path.join(workDir, 'killed.batch.jsonl');
  const results = path.join(workDir, 'killed.results.jsonl');
  await writeInput(input, requests);
  const emulator = await startEmulatorProcess(['--latency-ms', '20']);
  const proxy = await countingProxy(emulator.url);
  try {
    const args = [input, '--base-url', proxy.url, '--concurrency', String(concurrency)];
    let answeredAtKill = 0;
    const killed = await runCli(args, (child) => {
      if (answeredAtKill > 0) return;
      const answered = lineCount(results);
      if (answered >= requests / 2) {
        answeredAtKill = answered;
        child.kill('SIGKILL');
      }
    });
    if (killed.signal !== 'SIGKILL') throw new Error(`the run ended before it was killed (${killed.code})`);
    const kept = lineCount(results);
    const resumed = await runCli(args);
    if (!resumed.json) throw new Error('the resumed run printed no summary');
    const lines = readFileSync(results, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
    const unique = new Set(lines);
    const sentTwice = [...proxy.sends.values()].filter((count) => count > 1).length;
    const reachedServer = [...proxy.sends.values()].reduce((sum, count) => sum + count, 0);
    const exactlyOnce = lines.length === requests && unique.size === requests;
    const met = exactlyOnce && sentTwice <= concurrency;
    console.log(
      `kill -9 after ${answeredAtKill} of ${requests} answers (${kept} in the journal at the kill), then the same command: ` +
        `${resumed.json.skipped_already_done} skipped as answered, ${resumed.json.resent} reported re-sent; final file ${lines.length} lines, ${unique.size} distinct ids; ` +
        `the server saw ${reachedServer} requests, ${sentTwice} of them twice, against concurrency ${concurrency} ` +
        `(goal: each exactly once, sent twice ≤ concurrency: ${met ? 'met' : 'MISSED'})`,
    );
    return met;
  } finally {
    await proxy.close();
    await stop(emulator.process);
  }
}

/**
 * Writes the journal of earlier runs that answered the first `answered` lines of `input`: each line gets the
 * emulator's real answer `template` (a results line of the fresh run) under its own custom_id and line id,
 * as the runner writes them.
 */
async function writeEarlierAnswers(input: string, results: string, template: string, answered: number): Promise<void> {
  const answer = JSON.parse(template) as Record<string, unknown>;
  const out = createWriteStream(results);
  let index = 0;
  for await (const line of createInterface({ input: createReadStream(input, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (index++ >= answered) break;
    const { custom_id } = JSON.parse(line) as { custom_id: string };
    if (!out.write(`${JSON.stringify({ ...answer, id: journalLineId(lineHash(line)), custom_id })}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'close');
}

async function memory(workDir: string): Promise<boolean> {
  const requests = 200_000;
  const answeredBefore = 190_000;
  const full = process.env.BENCH_RUNNER_FULL === '1';
  const seconds = Number(process.env.BENCH_RUNNER_SECONDS ?? 40);
  const input = path.join(workDir, 'large.batch.jsonl');
  await writeInput(input, requests, 2);
  const inputBytes = statSync(input).size;
  const emulator = await startEmulatorProcess([]);
  const limitMb = 150;
  let ok = true;
  const measure = async (phase: string): Promise<void> => {
    const started = Date.now();
    const run = await runCli([input, '--base-url', emulator.url, '--concurrency', '32'], (child) => {
      if (!full && Date.now() - started > seconds * 1000 && child.exitCode === null && !child.killed) child.kill('SIGINT');
    });
    const json = run.json;
    const met = run.peakRss < limitMb * MB;
    ok &&= met;
    console.log(
      `${requests.toLocaleString('en-US')}-request file (${(inputBytes / MB).toFixed(1)} MB), ${phase}: ` +
        `${(json?.skipped_already_done ?? 0).toLocaleString('en-US')} already answered, ${((json?.succeeded ?? 0) - (json?.skipped_already_done ?? 0)).toLocaleString('en-US')} answered in ${((json?.elapsed_ms ?? 0) / 1000).toFixed(0)} s (${json?.status}); ` +
        `peak RSS ${(run.peakRss / MB).toFixed(1)} MB = ${(run.peakRss / inputBytes).toFixed(2)}x the file's size (goal < ${limitMb} MB: ${met ? 'met' : 'MISSED'})`,
    );
  };
  try {
    await measure('fresh run');
    // The most a resumed run holds: the journal of earlier runs that answered all but the last 10,000.
    const { results, errors, sent } = journalPathsFor(input);
    const answers = readFileSync(results, 'utf8');
    const template = answers.slice(0, answers.indexOf('\n'));
    for (const file of [results, errors, sent]) rmSync(file, { force: true });
    await writeEarlierAnswers(input, results, template, answeredBefore);
    await measure(`resumed run (a journal of ${answeredBefore.toLocaleString('en-US')} earlier answers read back)`);
  } finally {
    await stop(emulator.process);
  }
  return ok;
}

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'runner-bench-'));
  try {
    const results = [await pacing(workDir), await killAndResume(workDir), await memory(workDir)];
    if (results.includes(false)) process.exitCode = 1;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
