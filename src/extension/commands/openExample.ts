import * as vscode from 'vscode';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from './registerCommand';

const EXAMPLES: { file: string; label: string; detail: string }[] = [
  { file: 'summarize-articles.batch.jsonl', label: vscode.l10n.t('Summarise articles'), detail: '/v1/chat/completions' },
  { file: 'embed-support-tickets.batch.jsonl', label: vscode.l10n.t('Embed support tickets'), detail: '/v1/embeddings' },
  { file: 'classify-reviews.batch.jsonl', label: vscode.l10n.t('Classify product reviews'), detail: '/v1/responses' },
];

/** Where a copy goes: the given target (scripts, tests), else the user's pick, starting in the workspace. */
async function copyTarget(fileName: string, given: unknown): Promise<vscode.Uri | undefined> {
  if (given instanceof vscode.Uri) return given;
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) return undefined;
  return vscode.window.showSaveDialog({
    title: vscode.l10n.t('Save a copy of the example in your workspace (results are written beside it)'),
    defaultUri: vscode.Uri.joinPath(folder.uri, fileName),
    filters: { [vscode.l10n.t('Batch files')]: ['jsonl'] },
    saveLabel: vscode.l10n.t('Save Copy'),
  });
}

/**
 * Opens one of the bundled examples as the user's own file: a copy saved where they choose in the
 * workspace, or, without a workspace, an untitled document. Never the file inside the extension's install
 * folder: submitting that wrote results into the installation.
 */
export function registerOpenExampleCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.openExample, async (fileName?: string, target?: vscode.Uri) => {
      const choice =
        typeof fileName === 'string'
          ? EXAMPLES.find((example) => example.file === fileName)
          : await vscode.window.showQuickPick(EXAMPLES, { title: vscode.l10n.t('Open an example batch file') });
      if (!choice) return undefined;
      const bundled = vscode.Uri.joinPath(context.extensionUri, 'examples', choice.file);
      const content = new TextDecoder().decode(await vscode.workspace.fs.readFile(bundled));
      if (!vscode.workspace.workspaceFolders?.length && !(target instanceof vscode.Uri)) {
        const untitled = await vscode.workspace.openTextDocument({ language: 'batch-jsonl', content });
        return vscode.window.showTextDocument(untitled, { preview: false });
      }
      const copy = await copyTarget(choice.file, target);
      if (!copy) return undefined;
      await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode(content));
      return vscode.window.showTextDocument(copy, { preview: false });
    }),
  );
}
