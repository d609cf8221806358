import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Job } from '../jobs/job';
import type { DownloadOptions, JobPage, ListBatchesOptions, UploadedFile, UploadOptions } from './batchProvider';
import { writeStreamToFile } from './fileDownload';

/** What a seed sync/jobs job needs beyond the Job: the custom_id of each request, in the order sent. */
export interface LocalJobRecord {
  job: Job;
  customIds: string[];
}

const LOCAL_FILE_PREFIX = 'file-local-';

/** Ids become file names: anything but a safe character is escaped, so an id never leaves the folder. */
function fileNameFor(id: string): string {
  return encodeURIComponent(id).replace(/\./g, '%2E');
}

/**
 * The files and job records of providers whose API keeps no files (the seed's sync and jobs APIs), kept
 * under one folder so output files have ids a provider can download like any other:
 * `files/<id>.jsonl` and `jobs/<id>.json`. Writes go to a temporary name and are renamed into place.
 */
export class LocalBatchArchive {
  constructor(readonly directory: string) {}

  /** Copies an input file in (the "upload" of APIs that take requests inline), reporting bytes copied. */
  async importFile(path: string, options: UploadOptions = {}): Promise<UploadedFile> {
    const id = newLocalFileId();
    await mkdir(join(this.directory, 'files'), { recursive: true });
    const { size } = await stat(path);
    const { bytes } = await writeStreamToFile(createReadStream(path), this.filePath(id), size, options);
    return { id, bytes, filename: options.filename ?? basename(path) };
  }

  /** Writes lines (each without its newline) as a new local file. */
  async createFile(lines: readonly string[], filename: string): Promise<UploadedFile> {
    const id = newLocalFileId();
    await mkdir(join(this.directory, 'files'), { recursive: true });
    const text = lines.map((line) => `${line}\n`).join('');
    await writeAtomically(this.filePath(id), text);
    return { id, bytes: Buffer.byteLength(text), filename };
  }

  filePath(fileId: string): string {
    if (!fileId.startsWith(LOCAL_FILE_PREFIX)) throw new Error(`"${fileId}" is not a file of this machine's archive.`);
    return join(this.directory, 'files', `${fileNameFor(fileId)}.jsonl`);
  }

  async downloadFile(fileId: string, destinationPath: string, options: DownloadOptions = {}): Promise<{ bytes: number }> {
    const source = this.filePath(fileId);
    const { size } = await stat(source);
    return writeStreamToFile(createReadStream(source), destinationPath, size, options);
  }

  async saveRecord(record: LocalJobRecord): Promise<void> {
    await mkdir(join(this.directory, 'jobs'), { recursive: true });
    await writeAtomically(this.recordPath(record.job.id), JSON.stringify(record));
  }

  async removeRecord(id: string): Promise<void> {
    await rm(this.recordPath(id), { force: true });
  }

  async readRecord(id: string): Promise<LocalJobRecord | undefined> {
    try {
      return JSON.parse(await readFile(this.recordPath(id), 'utf8')) as LocalJobRecord;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  /** The recorded jobs of one profile, newest first, paged like the Batch API's list. */
  async listJobs(profile: string, options: ListBatchesOptions = {}): Promise<JobPage> {
    let names: string[] = [];
    try {
      names = await readdir(join(this.directory, 'jobs'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const records = await Promise.all(
      names.filter((name) => name.endsWith('.json')).map(async (name) => JSON.parse(await readFile(join(this.directory, 'jobs', name), 'utf8')) as LocalJobRecord),
    );
    const jobs = records
      .map((record) => record.job)
      .filter((job) => job.profile === profile)
      .sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
    const start = options.after === undefined ? 0 : jobs.findIndex((job) => job.id === options.after) + 1;
    const limit = options.limit ?? 20;
    const page = jobs.slice(start, start + limit);
    return { jobs: page, hasMore: start + limit < jobs.length, nextAfter: page.at(-1)?.id };
  }

  private recordPath(id: string): string {
    return join(this.directory, 'jobs', `${fileNameFor(id)}.json`);
  }
}

export function newLocalFileId(): string {
  return `${LOCAL_FILE_PREFIX}${randomBytes(12).toString('hex')}`;
}

export function isLocalFileId(fileId: string): boolean {
  return fileId.startsWith(LOCAL_FILE_PREFIX);
}

async function writeAtomically(path: string, text: string): Promise<void> {
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temporaryPath, text);
  await rename(temporaryPath, path);
}
