import { open } from 'node:fs/promises';

/**
 * Where a result line is on disk, so an editor can show the full result (hover, "Open Full Result")
 * without the join keeping every body in memory.
 */
export interface ResultLocation {
  /** The output or error file. */
  path: string;
  /** 0-based line in that file. */
  line: number;
  /** Byte offset of the line's first byte (a byte-order mark on line 0 included). */
  offset: number;
  /** Bytes of the line, its line ending included. */
  length: number;
}

/** The result line's text, as written by the provider (no byte-order mark, no line ending). */
export async function readResultLine(location: ResultLocation): Promise<string> {
  const file = await open(location.path, 'r');
  try {
    const bytes = Buffer.alloc(location.length);
    const { bytesRead } = await file.read(bytes, 0, location.length, location.offset);
    return bytes.toString('utf8', 0, bytesRead).replace(/^\uFEFF/, '').replace(/\r?\n$/, '');
  } finally {
    await file.close();
  }
}

/**
 * The whole result line as formatted JSON (two-space indent), for "Open Full Result" and hovers. A line
 * that is not JSON is returned as it is.
 */
export async function readResultJson(location: ResultLocation): Promise<string> {
  const text = await readResultLine(location);
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
