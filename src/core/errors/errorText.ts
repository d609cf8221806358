import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../providers/redaction';

/** The one way a thrown value becomes text: its message (or the value itself), with keys redacted. */
export function errorMessage(error: unknown, secrets: readonly (string | undefined)[] = []): string {
  const text = error instanceof Error ? error.message : String(error);
  const message = jsonErrorOf(text)?.message;
  return redactSecrets(typeof message === 'string' && message ? message : text, secrets);
}

/**
 * The `error` member of an error message that is an API's whole JSON answer, as Google's Gen AI SDK makes
 * it (`{"error": {"code", "message", "status"}}`); undefined for any other message.
 */
export function jsonErrorOf(text: string): Record<string, unknown> | undefined {
  if (!text.startsWith('{')) return undefined;
  try {
    const error = (JSON.parse(text) as { error?: unknown } | null)?.error;
    return typeof error === 'object' && error !== null && !Array.isArray(error) ? (error as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
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
      return where ? l10n.t('{0} does not exist', where) : l10n.t('a file does not exist');
    case 'EACCES':
    case 'EPERM':
      return where ? l10n.t('{0} cannot be accessed (permission denied)', where) : l10n.t('a file cannot be accessed (permission denied)');
    case 'EISDIR':
      return where ? l10n.t('{0} is a folder, not a file', where) : l10n.t('a path is a folder, not a file');
    case 'ENOTDIR':
      return where ? l10n.t('{0} has a file where a folder should be', where) : l10n.t('a path has a file where a folder should be');
    case 'ENOSPC':
      return where ? l10n.t('there is no space left on the disk for {0}', where) : l10n.t('there is no space left on the disk');
    case 'EROFS':
      return where ? l10n.t('{0} is on a read-only file system', where) : l10n.t('the file is on a read-only file system');
    default:
      return errorMessage(error);
  }
}
