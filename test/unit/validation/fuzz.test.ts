import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { BatchDocumentValidator, validateBatchText, type BatchFileReport } from '../../../src/core/validation';
import { chatRequest, sharedJsonlDir } from './helpers';

/** A small deterministic generator (mulberry32), so a failure replays from its case number. */
function generator(seed: number): (limit: number) => number {
  let state = seed;
  return (limit) => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return (((value ^ (value >>> 14)) >>> 0) % limit);
  };
}

const INSERTS = ['{', '}', '[', ']', '"', ',', ':', '\\', '\n', '\r\n', '\u0000', '\uFEFF', '\uD800', 'null', 'true', '"custom_id"', '"stream": true', '-', '1e', '😀', ' '];

function fixtureLines(): string[] {
  const dir = sharedJsonlDir();
  const own = [
    JSON.stringify(chatRequest('a', {}, { stream: true, temperature: 3 })),
    JSON.stringify({ custom_id: 'e', method: 'POST', url: '/v1/embeddings', body: { model: 'm', input: ['x', 'y'] } }),
    JSON.stringify({ id: 'batch_req_1', custom_id: 'a', response: { status_code: 200, body: {} }, error: null }),
  ];
  if (!dir) return own;
  const files = readdirSync(dir).filter((name) => name.endsWith('.jsonl'));
  // Long lines (the 64 KB embeddings) would only slow the fuzzing down.
  const lines = files.flatMap((name) => readFileSync(path.join(dir, name), 'utf8').split('\n')).filter((line) => line.length < 6000);
  return [...own, ...lines];
}

function mutate(line: string, random: (limit: number) => number): string {
  let text = line;
  for (let count = 1 + random(3); count > 0; count--) {
    const at = random(text.length + 1);
    switch (random(4)) {
      case 0:
        text = text.slice(0, at) + INSERTS[random(INSERTS.length)] + text.slice(at);
        break;
      case 1:
        text = text.slice(0, at) + text.slice(at + 1 + random(20));
        break;
      case 2:
        text = text.slice(0, at) + String.fromCharCode(random(0x3000)) + text.slice(at + 1);
        break;
      default:
        text = text.slice(0, at);
    }
  }
  return text;
}

function assertRangesInside(text: string, report: BatchFileReport, label: string): void {
  const lines = text.split('\n').map((line) => line.replace(/\r$/, ''));
  for (const diagnostic of report.diagnostics) {
    for (const span of [diagnostic, ...(diagnostic.related ?? [])]) {
      assert.ok(span.line >= 0 && span.line < lines.length && span.endLine === span.line, `${label}: line ${span.line} of ${lines.length}`);
      assert.ok(span.column >= 0 && span.column <= span.endColumn && span.endColumn <= lines[span.line].length, `${label}: columns ${span.column}-${span.endColumn} on a line of ${lines[span.line].length}: ${diagnostic.code}`);
    }
  }
}

describe('validation fuzz (random mutations of the fixture lines)', () => {
  it('never throws, keeps every range inside the document, and stays fast', function () {
    this.timeout(60_000);
    const lines = fixtureLines();
    const random = generator(20261121);
    const started = Date.now();
    const cases = 3000;
    for (let number = 0; number < cases; number++) {
      const picked = Array.from({ length: 1 + random(4) }, () => lines[random(lines.length)]);
      const mutated = random(5) === 0 ? '\uFEFF' : '';
      const text = mutated + picked.map((line) => (random(2) ? mutate(line, random) : line)).join(random(3) ? '\n' : '\r\n');
      const provider = (['openai', 'azure', 'groq', 'generic'] as const)[random(4)];
      const label = `case ${number}`;
      const caseStarted = Date.now();
      const report = validateBatchText(text, { provider });
      assertRangesInside(text, report, label);
      // The incremental validator, fed one mutated line at a time, agrees with the whole-text one.
      const validator = new BatchDocumentValidator({ provider });
      validator.setText('');
      validator.applyEdit(0, 0, text);
      assert.deepEqual(validator.getReport(), report, label);
      for (let line = 0; line < validator.lineCount; line++) validator.lineInfo(line);
      assert.ok(Date.now() - caseStarted < 1000, `${label} took ${Date.now() - caseStarted} ms`);
    }
    assert.ok(Date.now() - started < 30_000, `${cases} cases took ${Date.now() - started} ms`);
  });
});
