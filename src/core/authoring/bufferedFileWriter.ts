import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';

/** Where generated text goes, one piece at a time, from code that cannot wait (a row callback). */
export interface TextSink {
  write(text: string): void;
}

const FLUSH_CHARACTERS = 1 << 20;

/**
 * A file written through a 1 MiB buffer with synchronous writes: rows come from callbacks that cannot
 * wait for a stream to drain, and this keeps memory bounded whatever the disk's speed.
 */
class BufferedFileWriter implements TextSink {
  private readonly fd: number;
  private pending: string[] = [];
  private pendingCharacters = 0;
  private closed = false;

  constructor(path: string) {
    this.fd = openSync(path, 'w');
  }

  write(text: string): void {
    this.pending.push(text);
    this.pendingCharacters += text.length;
    if (this.pendingCharacters >= FLUSH_CHARACTERS) this.flush();
  }

  private flush(): void {
    if (this.pending.length) writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingCharacters = 0;
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
