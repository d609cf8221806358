// Validation benchmark (`npm run bench`): a 50,000-request chat batch of about 1 KB a line, and a
// 200 MB file for the CLI. Prints each figure as a ratio measured in this run, against the goals in
// issue 3: full validation ≤ 1.5x a JSON.parse-only loop; ≥ 7x faster than vscode-json-languageservice;
// a one-character edit revalidated in ≤ 10 ms; `batch-studio validate` on 200 MB in ≤ 200 MB RSS.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { getLanguageService, TextDocument, type JSONSchema } from 'vscode-json-languageservice';
import { BatchDocumentValidator, OPENAI_BATCH_ENDPOINTS } from '../../src/core/validation';
import { chatRequestLine } from './chatRequests';

const REQUESTS = 50_000;
const repoRoot = path.resolve(__dirname, '../../..');

/** The median time of `runs` calls, in ms (the first call warms the JIT and is not counted). */
function median(runs: number, work: () => void): number {
  work();
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    work();
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const lines = Array.from({ length: REQUESTS }, (_, index) => chatRequestLine(index, 18));
const text = lines.join('\n') + '\n';
console.log(`Document: ${REQUESTS} requests, ${(Buffer.byteLength(text) / 2 ** 20).toFixed(1)} MB, ${Math.round(Buffer.byteLength(text) / REQUESTS)} bytes a line`);

// 1. The floor: split and JSON.parse every line, nothing else. The two alternate, and each keeps its
// best run, so load from other processes on the machine colours neither more than the other.
function floor(): void {
  for (const line of text.split('\n')) if (line) JSON.parse(line);
}
function ours(): void {
  const validator = new BatchDocumentValidator({ provider: 'openai' });
  validator.setText(text);
  if (validator.getReport().diagnostics.length) throw new Error('the benchmark batch should be valid');
}
let floorMs = Infinity;
let oursMs = Infinity;
for (let round = 0; round < 8; round++) {
  floorMs = Math.min(floorMs, median(1, floor));
  oursMs = Math.min(oursMs, median(1, ours));
}
console.log(`1. Full validation: ${oursMs.toFixed(0)} ms vs JSON.parse floor ${floorMs.toFixed(0)} ms = ${(oursMs / floorMs).toFixed(2)}x the floor (goal ≤ 1.5x)`);

// 2. vscode-json-languageservice on the same requests as one JSON array, against an equivalent schema.
async function languageServiceMs(): Promise<{ ms: number; problems: number }> {
  const chatSchema = JSON.parse(readFileSync(path.join(repoRoot, 'schemas/body/chat-completions.schema.json'), 'utf8')) as JSONSchema;
  const { definitions, $id: _id, ...chatBody } = chatSchema;
  const arraySchema: JSONSchema = {
    definitions: { ...definitions, chatBody },
    type: 'array',
    items: {
      type: 'object',
      required: ['custom_id', 'method', 'url', 'body'],
      properties: {
        custom_id: { type: 'string', minLength: 1, maxLength: 64 },
        method: { enum: ['POST'] },
        url: { enum: [...OPENAI_BATCH_ENDPOINTS] },
        body: { $ref: '#/definitions/chatBody' },
      },
    },
  };
  const service = getLanguageService({});
  service.configure({ validate: true, schemas: [{ uri: 'bench://batch-schema', fileMatch: ['*.json'], schema: arraySchema }] });
  const document = TextDocument.create('bench://batch.json', 'json', 1, `[\n${lines.join(',\n')}\n]`);
  const times: number[] = [];
  let problems = 0;
  for (let run = 0; run < 4; run++) {
    const started = performance.now();
    problems = (await service.doValidation(document, service.parseJSONDocument(document))).length;
    times.push(performance.now() - started);
  }
  // The first run resolves the schema and warms up; the median of the other three counts.
  return { ms: times.slice(1).sort((a, b) => a - b)[1], problems };
}

// 3. A one-character edit in the middle of the 50,000-line document, then a fresh report.
function editMs(): number {
  const editor = new BatchDocumentValidator({ provider: 'openai' });
  editor.setText(text);
  editor.getReport();
  const line = Math.floor(REQUESTS / 2);
  const column = lines[line].indexOf('request-') + 'request-'.length;
  let toggle = false;
  return median(41, () => {
    toggle = !toggle;
    const character = toggle ? 'x' : lines[line][column];
    editor.applyContentChanges([{ range: { start: { line, character: column }, end: { line, character: column + 1 } }, text: character }]);
    editor.getReport();
  });
}

// 4. Peak RSS of `batch-studio validate` on a 200 MB file (50,000 requests of about 4 KB).
async function cliPeakRss(): Promise<string> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'batch-bench-'));
  try {
    const file = path.join(dir, 'large.batch.jsonl');
    const out = createWriteStream(file);
    for (let index = 0; index < REQUESTS; index++) {
      if (!out.write(`${chatRequestLine(index, 81)}\n`)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    }
    await new Promise<void>((resolve) => out.end(() => resolve()));
    const preload = path.join(dir, 'report-rss.js');
    writeFileSync(preload, "process.on('exit', () => require('fs').writeSync(2, `maxRSS ${process.resourceUsage().maxRSS}\\n`));\n");
    const started = performance.now();
    const result = spawnSync(process.execPath, ['-r', preload, path.join(repoRoot, 'dist/cli.js'), 'validate', file], { encoding: 'utf8' });
    const seconds = (performance.now() - started) / 1000;
    const maxRssMb = Number(/maxRSS (\d+)/.exec(result.stderr)?.[1]) / 1024;
    return `a ${(statSync(file).size / 2 ** 20).toFixed(0)} MB file: exit ${result.status}, ${seconds.toFixed(1)} s, peak RSS ${maxRssMb.toFixed(0)} MB (goal ≤ 200 MB)`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** 5. One line of 30,000 unknown top-level keys: validated (100 findings + a summary) against JSON.parse of it. */
function manyKeysLine(): string {
  const request: Record<string, unknown> = JSON.parse(chatRequestLine(0, 18)) as Record<string, unknown>;
  for (let index = 0; index < 30_000; index++) request[`extra_${index}`] = index;
  const line = JSON.stringify(request);
  const parseMs = median(5, () => JSON.parse(line));
  const validateMs = median(5, () => {
    const validator = new BatchDocumentValidator({ provider: 'openai' });
    validator.setText(`${line}\n`);
    validator.getReport();
  });
  return `${(line.length / 1024).toFixed(0)} KB: ${validateMs.toFixed(1)} ms vs JSON.parse of it ${parseMs.toFixed(1)} ms = ${(validateMs / parseMs).toFixed(1)}x (linear: the ratio stays flat as the line grows)`;
}

async function main(): Promise<void> {
  const languageService = await languageServiceMs();
  console.log(
    `2. vscode-json-languageservice (one array, equivalent schema): ${languageService.ms.toFixed(0)} ms (${(languageService.ms / floorMs).toFixed(1)}x the floor, ${languageService.problems} problems) vs ours ${oursMs.toFixed(0)} ms: ours is ${(languageService.ms / oursMs).toFixed(1)}x faster (goal ≥ 7x)`,
  );
  console.log(`3. Revalidation after a one-character edit in ${REQUESTS} lines: ${editMs().toFixed(2)} ms (goal ≤ 10 ms)`);
  console.log(`4. batch-studio validate on ${await cliPeakRss()}`);
  console.log(`5. A line of 30,000 unknown keys, ${manyKeysLine()}`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
