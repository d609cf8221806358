import { mkdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import type { Job } from './job';
import type { BatchProvider } from '../providers/batchProvider';
import { fileInFolder, isInsideFolder, safeFileNamePart, UnsafePathError } from '../safePaths';

export interface JobResultPaths {
  /** The folder both files are in; nothing is ever written outside it. */
  folder: string;
  output?: string;
  errors?: string;
}

/** Characters of the batch id that tell two jobs of one input apart in their result file names. */
const SHORT_ID_LENGTH = 8;

/** The end of the batch id (ids begin with a prefix and often a clock, so their end is what differs). */
export function shortJobId(id: string): string {
  return safeFileNamePart(id).slice(-SHORT_ID_LENGTH);
}

/**
 * Where a job's result files live: beside its input as `<name>.<short id>.results.jsonl` and
 * `.errors.jsonl` (so two jobs of one input never share a file), else `<batch id>.results.jsonl` in
 * `fallbackFolder`; `folderOverride` replaces the folder. The input's name is the user's own; the batch id
 * comes from the provider, so it is reduced to a safe base name, and the paths are checked to stay inside
 * the folder.
 */
export function resultPathsFor(job: Job, fallbackFolder: string, folderOverride?: string): JobResultPaths {
  const stem = job.sourceFile
    ? `${path.basename(job.sourceFile).replace(/(\.batch)?\.jsonl$/i, '')}.${shortJobId(job.id)}`
    : safeFileNamePart(job.id);
  const folder = folderOverride ?? (job.sourceFile ? path.dirname(job.sourceFile) : fallbackFolder);
  return {
    folder,
    output: job.outputFileId ? fileInFolder(folder, `${stem}.results.jsonl`) : undefined,
    errors: job.errorFileId ? fileInFolder(folder, `${stem}.errors.jsonl`) : undefined,
  };
}

/** What a download left at a result path: a file whose size or time differs is no longer it. */
export interface DownloadedResultFile {
  fileId: string;
  bytes: number;
  mtimeMs: number;
  /** The job it belongs to, so a later `results` run finds the job's times and profile. */
  jobId?: string;
  profile?: string;
}

/** Remembers which provider file each result path holds (the extension keeps it in `globalState`). */
export interface DownloadRegistry {
  get(path: string): DownloadedResultFile | undefined;
  set(path: string, file: DownloadedResultFile): Promise<void>;
}

export interface EnsureResultFilesOptions {
  signal?: AbortSignal;
  /**
   * A file is at the destination that this tool did not leave there as it is (the user edited it, or it
   * came from elsewhere): resolve true to overwrite it, false to keep it. Without this, it is kept.
   */
  confirmOverwrite?(path: string): Promise<boolean>;
}

export interface EnsuredResultFiles extends JobResultPaths {
  /** Files left as they were because overwriting them was not confirmed. */
  kept: string[];
}

/** What is at `destination` now: nothing, the download of `fileId` unchanged, our download of another file unchanged, or something else. */
async function stateOf(destination: string, fileId: string, registry: DownloadRegistry): Promise<'absent' | 'current' | 'stale' | 'foreign'> {
  const found = await stat(destination).catch(() => undefined);
  if (!found) return 'absent';
  const known = registry.get(destination);
  if (!known || found.size !== known.bytes || found.mtimeMs !== known.mtimeMs) return 'foreign';
  return known.fileId === fileId ? 'current' : 'stale';
}

/**
 * Downloads a job's output and error files once: a local copy of this file id, unchanged since it was
 * downloaded, is reused; a file that is gone, or an unchanged download of another file, is fetched again;
 * a file someone changed is overwritten only when `confirmOverwrite` says so. The provider streams to a
 * temporary name and renames into place.
 */
export function ensureResultFiles(
  job: Job,
  provider: BatchProvider,
  paths: JobResultPaths,
  registry: DownloadRegistry,
  options: EnsureResultFilesOptions = {},
): Promise<EnsuredResultFiles> {
  // Two callers at once (Open Results, and the summary or a lens that loads the same job) would both fetch
  // the files and record them in turn: the record left last could name the other write's time, and the
  // next caller would take Batch Studio's own file for one the user changed. Each waits for the one before.
  const key = [paths.output, paths.errors].join('\n');
  const previous = downloadsInFlight.get(key) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(() => ensureResultFilesNow(job, provider, paths, registry, options));
  downloadsInFlight.set(key, next);
  const forget = () => {
    if (downloadsInFlight.get(key) === next) downloadsInFlight.delete(key);
  };
  next.then(forget, forget);
  return next;
}

/** The downloads of each pair of result paths under way, latest last. */
const downloadsInFlight = new Map<string, Promise<unknown>>();

async function ensureResultFilesNow(
  job: Job,
  provider: BatchProvider,
  paths: JobResultPaths,
  registry: DownloadRegistry,
  options: EnsureResultFilesOptions,
): Promise<EnsuredResultFiles> {
  const kept: string[] = [];
  const downloads: [string | undefined, string | undefined][] = [
    [job.outputFileId, paths.output],
    [job.errorFileId, paths.errors],
  ];
  for (const [fileId, destination] of downloads) {
    if (!fileId || !destination) continue;
    if (!isInsideFolder(paths.folder, destination)) throw new UnsafePathError(`Refused to write ${destination}: it is outside ${paths.folder}.`);
    const state = await stateOf(destination, fileId, registry);
    if (state === 'current') continue;
    if (state === 'foreign' && !(await options.confirmOverwrite?.(destination))) {
      kept.push(destination);
      continue;
    }
    await mkdir(path.dirname(destination), { recursive: true });
    await provider.downloadFile(fileId, destination, { signal: options.signal });
    const written = await stat(destination);
    await registry.set(destination, { fileId, bytes: written.size, mtimeMs: written.mtimeMs, jobId: job.id, profile: job.profile });
  }
  return { ...paths, kept };
}
