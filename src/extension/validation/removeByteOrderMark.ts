import * as vscode from 'vscode';
import { INTERNAL_COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/**
 * The extension API cannot change an open document's save encoding, so: save pending edits, strip the
 * three BOM bytes on disk, then re-open the document as plain UTF-8 (which re-reads it without a BOM).
 */
async function removeByteOrderMark(uri: vscode.Uri): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  if (document.isDirty && !(await document.save())) return;
  const bytes = await vscode.workspace.fs.readFile(uri);
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
    await vscode.workspace.fs.writeFile(uri, bytes.subarray(UTF8_BOM.length));
  }
  await vscode.workspace.openTextDocument(uri, { encoding: 'utf8' });
}

export function registerRemoveByteOrderMarkCommand(context: vscode.ExtensionContext, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    registerCommand(INTERNAL_COMMANDS.removeByteOrderMark, async (uri: vscode.Uri) => {
      try {
        await removeByteOrderMark(uri);
      } catch (error) {
        log.error(`Removing the byte-order mark of ${uri.toString(true)} failed`, error);
        void vscode.window.showErrorMessage(
          vscode.l10n.t('Could not remove the byte-order mark. Use "Change File Encoding" → "Save with Encoding" → "UTF-8" instead; details are in the Batch Studio log.'),
        );
      }
    }),
  );
}
