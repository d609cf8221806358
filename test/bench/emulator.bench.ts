// Emulator benchmark (`node esbuild.mjs && node test/harness/bench.mjs emulator`): a 50,000-request chat
// batch through `batch-studio emulator` (its own process, at full speed) end to end with the openai SDK:
// upload, create, wait for `completed`, download the output. Goal (issue 4): under 30 s, memory bounded by
// the files' sizes. Figures are printed against a baseline measured in this run: the same lines only
// JSON.parse'd, answered by the synthetic responder and serialised, in-process with no HTTP, disk or lifecycle.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createReadStream, createWriteStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import OpenAI from 'openai';
import { respondSynthetically } from '../../src/core/emulator/responders';
import { chatRequestLine } from './chatRequests';

const REQUESTS = 50_000;
const GOAL_SECONDS = 30;
const repoRoot = path.resolve(__dirname, '../../..');
const cli = path.join(repoRoot, 'dist', 'cli.js');
const MB = 2 ** 20;

/** Peak and current resident memory of a process, from /proc (Linux); undefined elsewhere. */
function memoryOf(pid: number): { peak: number; current: number } | undefined {
  const status = `/proc/${pid}/status`;
  if (!existsSync(status)) return undefined;
  const text = readFileSync(status, 'utf8');
  const kilobytes = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? 0) * 1024;
  return { peak: kilobytes('VmHWM'), current: kilobytes('VmRSS') };
}

const megabytes = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function main(): Promise<void> {
  const workDir = mkdtempSync(path.join(os.tmpdir(), 'emulator-bench-'));
  const inputPath = path.join(workDir, 'input.batch.jsonl');
  const outputPath = path.join(workDir, 'output.jsonl');
  const server = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let serverErrors = '';
  server.stderr!.on('data', (chunk: Buffer) => (serverErrors += chunk.toString()));
  try {
    const input = createWriteStream(inputPath);
    for (let index = 0; index < REQUESTS; index++) {
      if (!input.write(chatRequestLine(index) + '\n')) await once(input, 'drain');
    }
    input.end();
    await once(input, 'close');
    const inputBytes = statSync(inputPath).size;
    console.log(`Input: ${REQUESTS} chat requests, ${megabytes(inputBytes)} (${Math.round(inputBytes / REQUESTS)} bytes a line)`);

    // Baseline: the least any emulator must do per line, in-process.
    const baselineStarted = performance.now();
    let baselineBytes = 0;
    for await (const line of createInterface({ input: createReadStream(inputPath), crlfDelay: Infinity })) {
      const request = JSON.parse(line) as { body: Record<string, unknown> };
      baselineBytes += JSON.stringify(respondSynthetically('/v1/chat/completions', request.body)).length;
    }
    const baselineMs = performance.now() - baselineStarted;
    console.log(`Baseline (read + JSON.parse + synthesise + stringify in-process): ${seconds(baselineMs)}, ${megabytes(baselineBytes)} of answers`);

    const [firstLine] = (await once(createInterface({ input: server.stdout! }), 'line')) as [string];
    const baseURL = /listening on (\S+)/.exec(firstLine)?.[1];
    if (!baseURL) throw new Error(`unexpected first line: ${firstLine}`);
    const idle = memoryOf(server.pid!);
    const client = new OpenAI({ apiKey: 'bench', baseURL, maxRetries: 0, timeout: 120_000 });

    const started = performance.now();
    const file = await client.files.create({ file: createReadStream(inputPath), purpose: 'batch' });
    const uploadedAt = performance.now();
    let batch = await client.batches.create({ input_file_id: file.id, endpoint: '/v1/chat/completions', completion_window: '24h' });
    let polls = 0;
    while (!['completed', 'failed', 'expired', 'cancelled'].includes(batch.status)) {
      await new Promise((resolve) => setTimeout(resolve, 100)); // a client's poll interval, not a test wait
      batch = await client.batches.retrieve(batch.id);
      polls++;
    }
    const completedAt = performance.now();
    if (batch.status !== 'completed' || batch.request_counts?.completed !== REQUESTS) {
      throw new Error(`batch ended ${batch.status} with ${JSON.stringify(batch.request_counts)} ${JSON.stringify(batch.errors)}`);
    }
    const content = await client.files.content(batch.output_file_id!);
    await pipeline(Readable.fromWeb(content.body as import('node:stream/web').ReadableStream), createWriteStream(outputPath));
    const endedAt = performance.now();
    const outputBytes = statSync(outputPath).size;
    const memory = memoryOf(server.pid!);

    const totalMs = endedAt - started;
    console.log(`Upload:            ${seconds(uploadedAt - started)}`);
    console.log(`Create → completed: ${seconds(completedAt - uploadedAt)} (${polls} polls; validating, running and finalizing ${REQUESTS} lines)`);
    console.log(`Download output:   ${seconds(endedAt - completedAt)} (${megabytes(outputBytes)})`);
    console.log(
      `End to end:        ${seconds(totalMs)} = ${Math.round(REQUESTS / (totalMs / 1000))} requests/s, ` +
        `${(totalMs / baselineMs).toFixed(1)}x the in-process baseline (goal < ${GOAL_SECONDS} s: ${totalMs < GOAL_SECONDS * 1000 ? 'met' : 'MISSED'})`,
    );
    if (idle && memory) {
      const files = inputBytes + outputBytes;
      console.log(
        `Emulator memory:   peak RSS ${megabytes(memory.peak)} (idle ${megabytes(idle.current)}, so +${megabytes(memory.peak - idle.current)} for the run) ` +
          `vs files ${megabytes(files)} (input ${megabytes(inputBytes)} + output ${megabytes(outputBytes)}): ` +
          `the run's growth is ${((memory.peak - idle.current) / files).toFixed(2)}x the files' size`,
      );
    } else {
      console.log('Emulator memory:   not measured (needs /proc)');
    }
    if (totalMs >= GOAL_SECONDS * 1000) process.exitCode = 1;
  } catch (error) {
    if (serverErrors) console.error(`emulator stderr:\n${serverErrors}`);
    throw error;
  } finally {
    server.kill('SIGTERM');
    await once(server, 'exit');
    rmSync(workDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
