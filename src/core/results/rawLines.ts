import { createReadStream } from 'node:fs';

/** A line's bytes exactly as on disk, its line ending (`\n` or `\r\n`) included when it has one. */
export interface RawLine {
  bytes: Buffer;
  /** 0-based line number, counted as `readFileLines` counts them. */
  index: number;
}

const NEWLINE = 10;

/**
 * Yields a file's lines as raw bytes, so a line can be copied byte-for-byte (no decoding, no
 * normalisation). A UTF-8 byte-order mark is not part of line 0. Memory is bounded by the longest line.
 */
export async function* readRawLines(path: string): AsyncGenerator<RawLine> {
  let pending: Buffer[] = [];
  let index = 0;
  let first = true;
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    let data = chunk;
    if (first && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
    first = false;
    let start = 0;
    for (let newline = data.indexOf(NEWLINE); newline >= 0; newline = data.indexOf(NEWLINE, start)) {
      const piece = data.subarray(start, newline + 1);
      yield { bytes: pending.length ? Buffer.concat([...pending, piece]) : piece, index: index++ };
      pending = [];
      start = newline + 1;
    }
    if (start < data.length) pending.push(Buffer.from(data.subarray(start)));
  }
  if (pending.length) yield { bytes: Buffer.concat(pending), index };
}
