import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { once } from 'node:events';
import type { JoinedResult, ResultsJoin } from './joinResults';
import { readRawLines } from './rawLines';
import { triageFailures } from './retryTriage';

/** `data.batch.jsonl` → `data`; `data.retry-2.batch.jsonl` → `data` (a retry of a retry numbers on). */
function baseName(inputPath: string): string {
  return basename(inputPath)
    .replace(/(\.batch)?\.jsonl?$/i, '')
    .replace(/\.retry-\d+$/, '');
}

/** `<dir>/<name>.retry-N.batch.jsonl` for a given N. */
export function retryFilePath(inputPath: string, n: number): string {
  return join(dirname(inputPath), `${baseName(inputPath)}.retry-${n}.batch.jsonl`);
}

export interface RetryFile {
  path: string;
  /** Requests written. */
  requests: number;
  /** 0-based input lines copied, in input order. */
  lines: number[];
}

/** Opens the first `<name>.retry-N.batch.jsonl` that does not exist yet; `wx` makes that check atomic. */
async function createNextRetryFile(inputPath: string): Promise<{ path: string; stream: WriteStream }> {
  for (let n = 1; ; n++) {
    const path = retryFilePath(inputPath, n);
    const stream = createWriteStream(path, { flags: 'wx' });
    try {
      await once(stream, 'open');
      return { path, stream };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}

async function closeStream(stream: WriteStream): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(() => resolve());
  });
}

/**
 * Writes `<name>.retry-N.batch.jsonl` beside the input (N the next free number) holding `requests` (by
 * default the failures that can succeed on retry: see `failureKind`) as their original input lines, byte
 * for byte, in input order. Streams the input; resolves to undefined (and writes nothing) when there is
 * nothing to retry.
 */
export async function writeRetryFile(join: ResultsJoin, requests: readonly JoinedResult[] = triageFailures(join).retryable): Promise<RetryFile | undefined> {
  const lines = requests.map((result) => result.line).sort((a, b) => a - b);
  if (!lines.length) return undefined;
  const wanted = new Set(lines);
  const { path, stream } = await createNextRetryFile(join.inputPath);
  try {
    for await (const { bytes, index } of readRawLines(join.inputPath)) {
      if (!wanted.has(index)) continue;
      if (!stream.write(bytes)) await once(stream, 'drain');
    }
  } catch (error) {
    // A half-written retry file would look like a complete one: remove it.
    stream.destroy();
    await rm(path, { force: true });
    throw error;
  }
  await closeStream(stream);
  return { path, requests: lines.length, lines };
}
