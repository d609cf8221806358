import * as l10n from '@vscode/l10n';
/** Why a file operation failed, in words (`no such file`, `permission denied`…); `undefined` for an error that is not the file system's. */
export function fileErrorReason(error: unknown): string | undefined {
  const { code, syscall } = (error ?? {}) as NodeJS.ErrnoException;
  if (syscall === undefined) return undefined;
  if (code === 'ENOENT') return l10n.t('no such file or folder');
  if (code === 'EISDIR') return l10n.t('it is a folder');
  if (code === 'EACCES' || code === 'EPERM') return l10n.t('permission denied');
  if (code === 'ENOSPC') return l10n.t('the disk is full');
  return (error as Error).message;
}
