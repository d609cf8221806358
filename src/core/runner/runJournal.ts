import { createReadStream } from 'node:fs';
import { closeSync, fsync, fsyncSync, openSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { CustomIdTable } from './customIdTable';
import { hashOfJournalLineId } from './lineHash';

/** The files a run keeps beside its input (or in an output folder). */
export interface JournalPaths {
  /** `<name>.results.jsonl`: answered requests, in the results format of the input's dialect. */
  results: string;
  /** `<name>.errors.jsonl`: requests that failed, same line format. */
  errors: string;
  /** `<name>.sent.jsonl`: one line per request as it leaves, so a restart knows what was in flight. */
  sent: string;
}

/** `name.batch.jsonl` → `name.results.jsonl`, `name.errors.jsonl`, `name.sent.jsonl` beside it or in `outDir`. */
export function journalPathsFor(inputPath: string, outDir?: string): JournalPaths {
  const base = path.basename(inputPath).replace(/(\.batch)?\.jsonl$/i, '');
  const folder = outDir ?? path.dirname(inputPath);
  return {
    results: path.join(folder, `${base}.results.jsonl`),
    errors: path.join(folder, `${base}.errors.jsonl`),
    sent: path.join(folder, `${base}.sent.jsonl`),
  };
}

/**
 * What the journal holds for one custom_id, in one number: a resumed run keeps one per answered request (up
 * to 200,000), where an object and a hash string took about ten times the memory. It carries 48 bits of the
 * answered line's hash (an edited line with the same custom_id matches by chance once in 2^48) and whether
 * it succeeded.
 */
export type JournalAnswer = number;

/** 12 hex digits of a line hash, plus one: 0 stands for an answer with no hash (a downloaded results file). */
function hashBits(hash: string | undefined): number {
  return hash === undefined ? 0 : Number.parseInt(hash.slice(0, 12), 16) + 1;
}

export function journalAnswer(hash: string | undefined, succeeded: boolean): JournalAnswer {
  return hashBits(hash) * 2 + (succeeded ? 1 : 0);
}

export function answerSucceeded(answer: JournalAnswer): boolean {
  return answer % 2 === 1;
}

/** True when the answer is to this exact line, or to its custom_id alone (a downloaded file has no hashes). */
export function answersLine(answer: JournalAnswer, lineHash: string): boolean {
  const bits = Math.floor(answer / 2);
  return bits === 0 || bits === hashBits(lineHash);
}

/** Everything a restart needs from an earlier run's files. */
export interface JournalState {
  /** The last answer per custom_id. */
  answers: CustomIdTable;
  /** Hashes of lines that were sent and never answered: in flight when the run stopped. */
  unanswered: Set<string>;
}

async function forEachLine(file: string, onLine: (text: string) => void): Promise<void> {
  if (!(await stat(file).catch(() => undefined))) return;
  for await (const text of createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    if (text.trim() !== '') onLine(text);
  }
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined; // a line torn by a crash of the machine: that request runs again
  }
}

/** The request a journal line answers: its `custom_id`, or Gemini's `key`. */
function answeredId(line: Record<string, unknown> | undefined): string | undefined {
  const id = line?.custom_id ?? line?.key;
  return typeof id === 'string' ? id : undefined;
}

/** Reads an earlier run's results, errors and sent log (any of them may be missing). */
export async function readJournal(paths: JournalPaths): Promise<JournalState> {
  const answers = new CustomIdTable();
  const sentHashes = new Set<string>();
  const answeredHashes = new Set<string>();
  for (const [file, succeeded] of [
    [paths.results, true],
    [paths.errors, false],
  ] as const) {
    await forEachLine(file, (text) => {
      const line = parseObject(text);
      const id = answeredId(line);
      if (id === undefined) return;
      const hash = hashOfJournalLineId(line!.id);
      if (hash) answeredHashes.add(hash);
      answers.set(id, journalAnswer(hash, succeeded));
    });
  }
  await forEachLine(paths.sent, (text) => {
    const hash = parseObject(text)?.sent;
    if (typeof hash === 'string' && !answeredHashes.has(hash)) sentHashes.add(hash);
  });
  return { answers, unanswered: sentHashes };
}

/**
 * Rewrites the results and errors files without the answers to `customIds` (lines since edited in the
 * input: their old answers no longer belong to them). Written to a temporary file and renamed into place.
 */
export async function dropAnswers(paths: JournalPaths, customIds: ReadonlySet<string>): Promise<void> {
  if (customIds.size === 0) return;
  for (const file of [paths.results, paths.errors]) {
    if (!(await stat(file).catch(() => undefined))) continue;
    const temporary = `${file}.compact`;
    const handle = await open(temporary, 'w');
    try {
      await forEachLine(file, (text) => {
        const customId = answeredId(parseObject(text));
        if (customId !== undefined && customIds.has(customId)) return;
        writeSync(handle.fd, `${text}\n`);
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  }
}

/** How often appended lines are forced to disk: a crash of the machine loses at most this much. */
const SYNC_INTERVAL_MS = 1000;

/**
 * The open journal of a run. Every answer is written to its file the moment it arrives, with no buffer in
 * the process (a killed process loses nothing it received), and the files are fsynced at least every
 * second. The sent log gets a line before each request leaves.
 */
export class RunJournal {
  private readonly fds: { results: number; errors: number; sent: number };
  private readonly dirty = new Set<number>();
  private readonly timer: NodeJS.Timeout;
  private closed = false;

  private constructor(readonly paths: JournalPaths) {
    this.fds = { results: openAppend(paths.results), errors: openAppend(paths.errors), sent: openAppend(paths.sent) };
    this.timer = setInterval(() => this.syncDirty(), SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  static async open(paths: JournalPaths): Promise<RunJournal> {
    await mkdir(path.dirname(paths.results), { recursive: true });
    for (const file of [paths.results, paths.errors, paths.sent]) await endWithNewline(file);
    return new RunJournal(paths);
  }

  recordSent(hash: string, atMs: number): void {
    this.append(this.fds.sent, JSON.stringify({ sent: hash, at: atMs }));
  }

  recordAnswer(line: string, succeeded: boolean): void {
    this.append(succeeded ? this.fds.results : this.fds.errors, line);
  }

  private append(fd: number, line: string): void {
    if (this.closed) return;
    writeSync(fd, `${line}\n`);
    this.dirty.add(fd);
  }

  private syncDirty(): void {
    for (const fd of this.dirty) fsync(fd, () => undefined);
    this.dirty.clear();
  }

  /** Syncs and closes every file; with `finished`, the sent log goes (nothing is in flight any more). */
  async close(finished: boolean): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    for (const fd of Object.values(this.fds)) {
      fsyncSync(fd);
      closeSync(fd);
    }
    if (finished) await rm(this.paths.sent, { force: true });
    // A journal with nothing in it was never a result: leave no empty file beside the input.
    for (const file of [this.paths.results, this.paths.errors]) {
      if ((await stat(file).catch(() => undefined))?.size === 0) await rm(file, { force: true });
    }
  }
}

function openAppend(file: string): number {
  return openSync(file, 'a');
}

/** A file cut short by a crash of the machine gets its newline back, so the next line starts clean. */
async function endWithNewline(file: string): Promise<void> {
  const size = (await stat(file).catch(() => undefined))?.size ?? 0;
  if (size === 0) return;
  const handle = await open(file, 'r+');
  try {
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    if (last[0] !== 0x0a) await handle.write('\n', size);
  } finally {
    await handle.close();
  }
}
