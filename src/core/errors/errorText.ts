import { redactSecrets } from '../providers/redaction';

/** The one way a thrown value becomes text: its message (or the value itself), with keys redacted. */
export function errorMessage(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  return redactSecrets(error instanceof Error ? error.message : String(error), secrets);
}

/**
 * A file-system error in words, naming the path: "x does not exist", "x cannot be read (permission
 * denied)"; any other error by its message.
 */
export function describeFileError(error: unknown, file?: string): string {
  const { code, path: errorPath } = (error ?? {}) as NodeJS.ErrnoException;
  const where = file ?? errorPath;
  switch (code) {
    case 'ENOENT':
      return `${where ?? 'a file'} does not exist`;
    case 'EACCES':
    case 'EPERM':
      return `${where ?? 'a file'} cannot be accessed (permission denied)`;
    case 'EISDIR':
      return `${where ?? 'a path'} is a folder, not a file`;
    case 'ENOTDIR':
      return `${where ?? 'a path'} has a file where a folder should be`;
    case 'ENOSPC':
      return `there is no space left on the disk${where ? ` for ${where}` : ''}`;
    case 'EROFS':
      return `${where ?? 'the file'} is on a read-only file system`;
    default:
      return errorMessage(error);
  }
}
