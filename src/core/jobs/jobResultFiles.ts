import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
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

/**
 * Downloads a job's output and error files once: a local copy that exists is reused, one that is gone
 * is fetched again. The provider streams to a temporary name and renames into place when complete.
 */
export async function ensureResultFiles(job: Job, provider: BatchProvider, paths: JobResultPaths, signal?: AbortSignal): Promise<JobResultPaths> {
  const downloads: [string | undefined, string | undefined][] = [
    [job.outputFileId, paths.output],
    [job.errorFileId, paths.errors],
  ];
  for (const [fileId, destination] of downloads) {
    if (!fileId || !destination || existsSync(destination)) continue;
    await mkdir(path.dirname(destination), { recursive: true });
    await provider.downloadFile(fileId, destination, { signal });
  }
  return paths;
}
