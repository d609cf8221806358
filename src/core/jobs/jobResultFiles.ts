import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Job } from './job';
import type { BatchProvider } from '../providers/batchProvider';

export interface JobResultPaths {
  output?: string;
  errors?: string;
}

/** Where a job's result files live: beside its input (`name.results.jsonl`), else in `fallbackFolder`. */
export function resultPathsFor(job: Job, fallbackFolder: string, folderOverride?: string): JobResultPaths {
  const base = job.sourceFile ? path.basename(job.sourceFile).replace(/(\.batch)?\.jsonl$/i, '') : job.id;
  const folder = folderOverride ?? (job.sourceFile ? path.dirname(job.sourceFile) : fallbackFolder);
  return {
    output: job.outputFileId ? path.join(folder, `${base}.results.jsonl`) : undefined,
    errors: job.errorFileId ? path.join(folder, `${base}.errors.jsonl`) : undefined,
  };
}

/** What a download left at a result path: a file whose size or time differs is no longer it. */
export interface DownloadedResultFile {
  fileId: string;
  bytes: number;
  mtimeMs: number;
}

/** Remembers which provider file each result path holds (the extension keeps it in `globalState`). */
export interface DownloadRegistry {
  get(path: string): DownloadedResultFile | undefined;
  set(path: string, file: DownloadedResultFile): Promise<void>;
}

async function holds(destination: string, fileId: string, registry: DownloadRegistry): Promise<boolean> {
  const known = registry.get(destination);
  if (known?.fileId !== fileId) return false;
  const found = await stat(destination).catch(() => undefined);
  return found !== undefined && found.size === known.bytes && found.mtimeMs === known.mtimeMs;
}

/**
 * Downloads a job's output and error files once: a local copy this file id was downloaded to, unchanged
 * since, is reused; one that is gone, changed, or left by another job of the same input (they share
 * `name.results.jsonl`) is fetched again. The provider streams to a temporary name and renames into place.
 */
export async function ensureResultFiles(
  job: Job,
  provider: BatchProvider,
  paths: JobResultPaths,
  registry: DownloadRegistry,
  signal?: AbortSignal,
): Promise<JobResultPaths> {
  const downloads: [string | undefined, string | undefined][] = [
    [job.outputFileId, paths.output],
    [job.errorFileId, paths.errors],
  ];
  for (const [fileId, destination] of downloads) {
    if (!fileId || !destination || (await holds(destination, fileId, registry))) continue;
    await mkdir(path.dirname(destination), { recursive: true });
    await provider.downloadFile(fileId, destination, { signal });
    const written = await stat(destination);
    await registry.set(destination, { fileId, bytes: written.size, mtimeMs: written.mtimeMs });
  }
  return paths;
}
