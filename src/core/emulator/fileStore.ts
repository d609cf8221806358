import { createReadStream, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { newId, unixSeconds } from './ids';
import { pageAfter, type Page } from './paging';
import { RecordStore } from './recordStore';
import type { FileObject, FilePurpose } from './types';

/** Files the API lets a client upload; `batch_output` is written by the emulator only. */
export const UPLOAD_PURPOSES: ReadonlySet<string> = new Set(['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals']);

/** Batch input and output files expire 30 days after creation unless told otherwise. */
const DEFAULT_FILE_LIFETIME_SECONDS = 30 * 24 * 3600;

/**
 * File objects and their bytes. Contents always live on disk (under dataDir, or a private temp dir removed on
 * close), so memory never grows with upload sizes and the validator can read a path.
 */
export class FileStore {
  private constructor(
    private readonly contentDir: string,
    private readonly records: RecordStore<FileObject>,
    private readonly ownsContentDir: boolean,
  ) {}

  static async open(dataDir: string | undefined): Promise<FileStore> {
    const contentDir = dataDir ? path.join(dataDir, 'files') : await fs.mkdtemp(path.join(os.tmpdir(), 'batch-emulator-'));
    await fs.mkdir(contentDir, { recursive: true });
    for (const name of await fs.readdir(contentDir)) {
      if (name.endsWith('.tmp')) await fs.rm(path.join(contentDir, name), { force: true }); // cut short by a stop
    }
    const records = await RecordStore.open<FileObject>(dataDir ? path.join(dataDir, 'file-objects') : undefined);
    return new FileStore(contentDir, records, !dataDir);
  }

  /** A path for content still being written; pass it to `add` when complete, or remove it. */
  tempPath(): string {
    return path.join(this.contentDir, `${newId('upload-')}.tmp`);
  }

  /** Registers finished content (moved from `tempPath`) as a new file object. */
  async add(tempPath: string, filename: string, purpose: FilePurpose, lifetimeSeconds: number = DEFAULT_FILE_LIFETIME_SECONDS): Promise<FileObject> {
    const { size } = await fs.stat(tempPath);
    const createdAt = unixSeconds();
    const file: FileObject = {
      id: newId('file-'),
      object: 'file',
      bytes: size,
      created_at: createdAt,
      expires_at: createdAt + lifetimeSeconds,
      filename,
      purpose,
      status: 'processed',
    };
    await fs.rename(tempPath, this.contentPath(file.id));
    await this.records.save(file.id, file);
    return file;
  }

  get(id: string): FileObject | undefined {
    return this.records.get(id);
  }

  /** Newest first unless `order` is `asc`; `after` is the id the previous page ended with. */
  list(options: { purpose?: string; order: 'asc' | 'desc'; after?: string; limit: number }): Page<FileObject> {
    const files = [...this.records.values()].filter((file) => !options.purpose || file.purpose === options.purpose);
    files.sort((a, b) => (a.id < b.id ? -1 : 1)); // ids sort by creation time
    if (options.order === 'desc') files.reverse();
    return pageAfter(files, options.after, options.limit);
  }

  contentPath(id: string): string {
    return path.join(this.contentDir, `${id}.jsonl`);
  }

  openContent(id: string): Readable {
    return createReadStream(this.contentPath(id));
  }

  async delete(id: string): Promise<void> {
    await this.records.delete(id);
    await fs.rm(this.contentPath(id), { force: true });
  }

  async close(): Promise<void> {
    await this.records.flush();
    if (this.ownsContentDir) await fs.rm(this.contentDir, { recursive: true, force: true });
  }
}
