import { createReadStream } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { writeStreamToFile } from '../providers/fileDownload';

/** One line of a file: its bytes including the line ending, and whether it holds a request. */
export interface LineExtent {
  bytes: number;
  blank: boolean;
  /** Input tokens of the request on this line (set when the split is by enqueued tokens). */
  tokens?: number;
}

/** A contiguous run of whole lines that becomes one part file. */
export interface SplitPart {
  /** 1-based. */
  index: number;
  /** Byte range in the source file, end exclusive (a leading byte-order mark is left out). */
  startByte: number;
  endByte: number;
  requests: number;
  /** Input tokens of the part's requests (0 unless the lines carry tokens). */
  tokens: number;
  /** 1-based lines of the source file. */
  firstLine: number;
  lastLine: number;
}

export interface SplitLimits {
  maxRequests?: number;
  maxBytes?: number;
  /** The provider's enqueued-token limit: each part must fit an empty queue. */
  maxTokens?: number;
}

export interface SplitPlan {
  parts: SplitPart[];
  limits: SplitLimits;
}

/** A single request line is larger than the byte limit: no split can make the file acceptable. */
export class UnsplittableLineError extends Error {
  override readonly name = 'UnsplittableLineError';
  constructor(
    readonly line: number,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`Line ${line} alone is ${bytes} bytes, over the ${maxBytes}-byte file limit: it cannot be submitted in any part.`);
  }
}

/** A single request has more input tokens than the whole enqueued-token limit: no part can hold it. */
export class OverTokenLimitLineError extends Error {
  override readonly name = 'OverTokenLimitLineError';
  constructor(
    readonly line: number,
    readonly tokens: number,
    readonly maxTokens: number,
  ) {
    super(`Line ${line} alone has ${tokens} input tokens, over the ${maxTokens}-token enqueued limit: it cannot be submitted in any part.`);
  }
}

/**
 * Cuts a file's lines into parts that each stay within the limits, by request count, bytes and input tokens,
 * and never inside a line. Blank lines go with the part they fall in and count as bytes, not requests.
 * `leadingBytes` (a byte-order mark) is skipped. A file within the limits gives one part.
 */
export function planSplit(lines: readonly LineExtent[], limits: SplitLimits, leadingBytes = 0): SplitPlan {
  const maxRequests = limits.maxRequests ?? Infinity;
  const maxBytes = limits.maxBytes ?? Infinity;
  const maxTokens = limits.maxTokens ?? Infinity;
  const parts: SplitPart[] = [];
  let offset = leadingBytes;
  let current: SplitPart | undefined;
  lines.forEach((line, index) => {
    const lineNumber = index + 1;
    const bytes = index === 0 ? line.bytes - leadingBytes : line.bytes;
    const tokens = line.tokens ?? 0;
    if (!line.blank && bytes > maxBytes) throw new UnsplittableLineError(lineNumber, bytes, maxBytes);
    if (tokens > maxTokens) throw new OverTokenLimitLineError(lineNumber, tokens, maxTokens);
    const fits =
      current !== undefined && current.endByte - current.startByte + bytes <= maxBytes && (line.blank || current.requests < maxRequests) && current.tokens + tokens <= maxTokens;
    if (!current || !fits) {
      current = { index: 0, startByte: offset, endByte: offset, requests: 0, tokens: 0, firstLine: lineNumber, lastLine: lineNumber };
      parts.push(current);
    }
    current.endByte += bytes;
    current.tokens += tokens;
    current.lastLine = lineNumber;
    if (!line.blank) current.requests++;
    offset += bytes;
  });
  // A part of blank lines only (a run that did not fit anywhere) carries no request: it is left out.
  const kept = parts.filter((part) => part.requests > 0).map((part, index) => ({ ...part, index: index + 1 }));
  return { parts: kept, limits };
}

/** Reads a file's line extents in one streamed pass (memory: one number per line). */
export async function scanLineExtents(path: string, signal?: AbortSignal): Promise<{ lines: LineExtent[]; leadingBytes: number }> {
  const lines: LineExtent[] = [];
  let lineBytes = 0;
  let blank = true;
  let first = true;
  let leadingBytes = 0;
  for await (const chunk of createReadStream(path, { signal }) as AsyncIterable<Buffer>) {
    let start = 0;
    if (first && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
      leadingBytes = 3;
      lineBytes = 3;
      start = 3;
    }
    first = false;
    for (let position = start; position < chunk.length; position++) {
      const byte = chunk[position];
      lineBytes++;
      if (byte === 0x0a) {
        lines.push({ bytes: lineBytes, blank });
        lineBytes = 0;
        blank = true;
      } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
        blank = false;
      }
    }
  }
  if (lineBytes > 0) lines.push({ bytes: lineBytes, blank });
  return { lines, leadingBytes };
}

/** `data.batch.jsonl` → `data.part-2-of-3.batch.jsonl` (and `data.jsonl` → `data.part-2-of-3.jsonl`), beside the source. */
export function splitPartPath(sourcePath: string, index: number, count: number): string {
  const name = basename(sourcePath);
  const suffix = ['.batch.jsonl', '.jsonl'].find((ending) => name.endsWith(ending)) ?? '';
  const stem = name.slice(0, name.length - suffix.length);
  return join(dirname(sourcePath), `${stem}.part-${index}-of-${count}${suffix}`);
}

/** Writes each part beside the source (temporary name, then rename); resolves with their paths in order. */
export async function writeSplitParts(sourcePath: string, plan: SplitPlan, signal?: AbortSignal): Promise<string[]> {
  const paths: string[] = [];
  for (const part of plan.parts) {
    const path = splitPartPath(sourcePath, part.index, plan.parts.length);
    await writeStreamToFile(createReadStream(sourcePath, { start: part.startByte, end: part.endByte - 1 }), path, part.endByte - part.startByte, { signal });
    paths.push(path);
  }
  return paths;
}
