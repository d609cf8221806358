import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { lock } from 'proper-lockfile';

/** What a JSON file the CLI keeps (its job list, its downloads) reads as, given its parsed text. */
export interface JsonFileFormat<T> {
  /** The value of a file that does not exist yet. */
  empty: () => T;
  /** The parsed text as a T, or `undefined` when it is not one (the file is then treated as corrupt). */
  accept: (parsed: unknown) => T | undefined;
  /** Told when a corrupt file was moved aside (its new name in the message). */
  onWarning?: (message: string) => void;
}

/** Waits up to about 10 s for another run's lock; a lock not refreshed for 10 s is stale (its run died). */
const LOCK_OPTIONS = { realpath: false, stale: 10_000, retries: { retries: 40, factor: 1.3, minTimeout: 20, maxTimeout: 500 } };

/**
 * Reads the file: its value, the empty value when it does not exist, and the empty value when it is not
 * readable as T, after moving it aside to `<name>.corrupt-<time>` with a warning naming both files.
 */
export function readJsonFile<T>(path: string, format: JsonFileFormat<T>): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return format.empty();
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text) as unknown;
  } catch {
    parsed = undefined;
  }
  const value = parsed === undefined ? undefined : format.accept(parsed);
  if (value !== undefined) return value;
  const aside = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  format.onWarning?.(`${path} was not a readable ${basename(path)} (cut short or edited by hand); it was moved to ${aside} and a new one started.`);
  return format.empty();
}

/** Writes through a temporary file renamed into place: a reader sees the old content or the new, never half. */
async function writeAtomically(path: string, value: unknown): Promise<void> {
  const temporaryPath = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await writeFile(temporaryPath, `${JSON.stringify(value, null, 1)}\n`);
    await rename(temporaryPath, path);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
}

/**
 * Read-modify-write of the file under a lock (`proper-lockfile`), so runs of the CLI at the same time
 * each add their change instead of the last one overwriting the others'. `edit` gets the latest value
 * and returns the new one (or `undefined` to leave the file as it is); resolves to what the file holds.
 */
export async function updateJsonFile<T>(path: string, format: JsonFileFormat<T>, edit: (latest: T) => T | undefined): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const release = await lock(path, { ...LOCK_OPTIONS, lockfilePath: `${path}.lock` });
  try {
    const latest = readJsonFile(path, format);
    const next = edit(latest);
    if (next === undefined) return latest;
    await writeAtomically(path, next);
    return next;
  } finally {
    await release();
  }
}
