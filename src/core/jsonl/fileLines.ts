import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';

/** One line of a file on disk, decoded, without its line ending. */
export interface FileLine {
  text: string;
  /** Bytes on disk, line ending (and the byte-order mark on line 0) included. */
  bytes: number;
  /** Set when the bytes are not valid UTF-8: the column of the first replacement character. */
  invalidUtf8Column?: number;
}

export interface FileLinesSummary {
  bytes: number;
  lines: number;
  /** The file starts with a UTF-8 byte-order mark (not part of line 0's text). */
  byteOrderMark: boolean;
}

const CHUNK_BYTES = 1024 * 1024;

/**
 * The longest line read from a file: larger than any request or result a batch API allows (OpenAI takes
 * files of 200 MB, but a line is one request), small enough that a file without newlines cannot make a
 * reader hold hundreds of megabytes as one string.
 */
export const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** A line longer than {@link MAX_LINE_BYTES}: the file is refused, the line named. */
export class LineTooLongError extends Error {
  override readonly name = 'LineTooLongError';
  constructor(
    readonly path: string,
    /** 1-based, as editors number lines. */
    readonly line: number,
    readonly maxBytes: number,
  ) {
    super(`line ${line} of ${path} is longer than ${Math.round(maxBytes / 2 ** 20)} MB (no request or result is that long): is it a batch file, or are its line endings missing?`);
  }
}
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;

function decodeLine(bytes: Buffer, extraBytes: number): FileLine {
  let end = bytes.length;
  if (end > 0 && bytes[end - 1] === CARRIAGE_RETURN) end--;
  const text = bytes.toString('utf8', 0, end);
  const line: FileLine = { text, bytes: bytes.length + extraBytes };
  // U+FFFD is either in the file or stands for bytes that are not UTF-8; only the latter is an error.
  const replacement = text.indexOf('\uFFFD');
  if (replacement >= 0 && !isUtf8(bytes.subarray(0, end))) line.invalidUtf8Column = replacement;
  return line;
}

/**
 * Reads a file line by line in 1 MiB chunks, so memory is bounded by the longest line, not the file.
 * Lines end at `\n`; a `\r` before it is dropped. As in an editor, a final line ending starts an empty
 * last line. Rejects when the file cannot be read, and with {@link LineTooLongError} as soon as a line
 * grows past `maxLineBytes` (reading stops there: memory stays bounded by the cap).
 */
export async function readFileLines(path: string, onLine: (line: FileLine, index: number) => void, maxLineBytes = MAX_LINE_BYTES): Promise<FileLinesSummary> {
  const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  let bytes = 0;
  let byteOrderMark = false;
  let leadingBytes = 0;
  const emit = (line: Buffer, newlineBytes: number) => {
    onLine(decodeLine(line, newlineBytes + leadingBytes), index++);
    leadingBytes = 0;
  };
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let data = chunk;
    if (bytes === 0 && data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
      byteOrderMark = true;
      leadingBytes = 3;
      data = data.subarray(3);
    }
    bytes += chunk.length;
    let start = 0;
    for (let newline = data.indexOf(NEWLINE); newline >= 0; newline = data.indexOf(NEWLINE, start)) {
      const piece = data.subarray(start, newline);
      if (pendingBytes + piece.length > maxLineBytes) throw tooLong(stream, path, index, maxLineBytes);
      emit(pending.length ? Buffer.concat([...pending, piece]) : piece, 1);
      pending = [];
      pendingBytes = 0;
      start = newline + 1;
    }
    // Copy the tail: the chunk it came from is released once the next one arrives.
    if (start < data.length) {
      pendingBytes += data.length - start;
      if (pendingBytes > maxLineBytes) throw tooLong(stream, path, index, maxLineBytes);
      pending.push(Buffer.from(data.subarray(start)));
    }
  }
  emit(Buffer.concat(pending), 0);
  return { bytes, lines: index, byteOrderMark };
}

function tooLong(stream: ReturnType<typeof createReadStream>, path: string, index: number, maxLineBytes: number): LineTooLongError {
  stream.destroy();
  return new LineTooLongError(path, index + 1, maxLineBytes);
}
