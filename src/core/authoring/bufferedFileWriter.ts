import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Where generated text goes, one piece at a time, from code that cannot wait (a row callback). */
export interface TextSink {
  write(text: string): void;
}

const BUFFER_BYTES = 1 << 20;

/**
 * A file written through a 1 MiB buffer with synchronous writes: rows come from callbacks that cannot
 * wait for a stream to drain, and this keeps memory bounded whatever the disk's speed. Text is encoded
 * into the buffer as it comes, so no string outlives its row (the garbage collector keeps none alive).
 */
class BufferedFileWriter implements TextSink {
  private readonly fd: number;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    // At most 3 bytes per UTF-16 code unit: flush first unless the text surely fits.
    if (this.used + text.length * 3 > BUFFER_BYTES) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) {
        writeSync(this.fd, text);
        return;
      }
    }
    this.used += this.buffer.write(text, this.used);
  }

  private flush(): void {
    for (let written = 0; written < this.used; ) written += writeSync(this.fd, this.buffer, written, this.used - written);
    this.used = 0;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.flush();
    } finally {
      closeSync(this.fd);
    }
  }
}

/**
 * Runs `write` with a sink into `<path>.part`, renamed to `path` once `write` resolves: a failed or
 * cancelled run never leaves half a file in place of the previous one (the part file is removed).
 */
export async function writeFileInPlace<T>(path: string, write: (sink: TextSink) => Promise<T>): Promise<T> {
  const partPath = `${path}.part`;
  const writer = new BufferedFileWriter(partPath);
  try {
    const result = await write(writer);
    writer.close();
    renameSync(partPath, path);
    return result;
  } catch (error) {
    try {
      writer.close();
    } finally {
      rmSync(partPath, { force: true });
    }
    throw error;
  }
}
