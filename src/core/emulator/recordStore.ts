import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** Writes a file so a crash never leaves it half written: write a temp file beside it, then rename over it. */
export async function writeFileAtomic(file: string, data: string | Buffer): Promise<void> {
  const temp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, file);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
}

/**
 * Records by id, in memory, mirrored to `<dir>/<id>.json` when a directory is given. Saves of one record are
 * coalesced (one write in flight, the newest value written next), so a slow disk never reorders them.
 */
export class RecordStore<T> {
  private readonly records = new Map<string, T>();
  private readonly writing = new Map<string, Promise<void>>();
  private readonly pending = new Set<string>();

  private constructor(private readonly dir: string | undefined) {}

  static async open<T>(dir: string | undefined): Promise<RecordStore<T>> {
    const store = new RecordStore<T>(dir);
    if (!dir) return store;
    await fs.mkdir(dir, { recursive: true });
    for (const name of await fs.readdir(dir)) {
      if (name.endsWith('.tmp')) {
        await fs.rm(path.join(dir, name), { force: true }); // left by a crash mid-write
      } else if (name.endsWith('.json')) {
        store.records.set(name.slice(0, -'.json'.length), JSON.parse(await fs.readFile(path.join(dir, name), 'utf8')) as T);
      }
    }
    return store;
  }

  get(id: string): T | undefined {
    return this.records.get(id);
  }

  values(): IterableIterator<T> {
    return this.records.values();
  }

  /** Stores the record (the caller keeps mutating the same object and calls `save` again). */
  save(id: string, record: T): Promise<void> {
    this.records.set(id, record);
    if (!this.dir) return Promise.resolve();
    if (this.writing.has(id)) {
      this.pending.add(id);
      return this.writing.get(id)!;
    }
    const write = this.writeLatest(id).finally(() => this.writing.delete(id));
    this.writing.set(id, write);
    return write;
  }

  async delete(id: string): Promise<void> {
    this.records.delete(id);
    if (!this.dir) return;
    await this.writing.get(id);
    await fs.rm(path.join(this.dir, `${id}.json`), { force: true });
  }

  /** Resolves when every save issued so far is on disk. */
  async flush(): Promise<void> {
    while (this.writing.size > 0) await Promise.all(this.writing.values());
  }

  private async writeLatest(id: string): Promise<void> {
    do {
      this.pending.delete(id);
      const record = this.records.get(id);
      if (record === undefined) return;
      await writeFileAtomic(path.join(this.dir!, `${id}.json`), JSON.stringify(record));
    } while (this.pending.has(id));
  }
}
