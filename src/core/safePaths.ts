import * as path from 'node:path';

/** A path built from provider or file data that would leave the folder it was meant for. */
export class UnsafePathError extends Error {
  override readonly name = 'UnsafePathError';
}

/** Longest name part kept: ids are short; a hostile one must not make a name the file system refuses. */
const MAX_NAME_PART = 100;

/**
 * Text from a provider or a file (a batch id, a filename) as a safe part of a file name: only letters,
 * digits, `.`, `_` and `-`; no leading dot (no hidden files, no `..`); never empty.
 */
export function safeFileNamePart(text: string): string {
  const safe = text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+/, '')
    .slice(0, MAX_NAME_PART);
  return safe || '_';
}

/** True when `candidate` is `folder` itself or below it (after resolving `..`). */
export function isInsideFolder(folder: string, candidate: string): boolean {
  const relative = path.relative(path.resolve(folder), path.resolve(candidate));
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** `folder/name`, refusing a name that would put the file anywhere but directly in `folder`. */
export function fileInFolder(folder: string, name: string): string {
  const candidate = path.join(folder, name);
  if (name !== path.basename(name) || !isInsideFolder(folder, candidate) || path.resolve(candidate) === path.resolve(folder)) {
    throw new UnsafePathError(`Refused to write "${name}": the name would leave the folder ${folder}.`);
  }
  return candidate;
}
