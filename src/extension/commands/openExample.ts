import * as vscode from 'vscode';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from './registerCommand';

const EXAMPLES: { file: string; label: string; detail: string }[] = [
  { file: 'summarize-articles.batch.jsonl', label: 'Summarise articles', detail: '/v1/chat/completions' },
  { file: 'embed-support-tickets.batch.jsonl', label: 'Embed support tickets', detail: '/v1/embeddings' },
  { file: 'classify-reviews.batch.jsonl', label: 'Classify product reviews', detail: '/v1/responses' },
];

/** Opens one of the bundled example batch files (the viewsWelcome link and the palette). */
export function registerOpenExampleCommand(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.openExample, async (fileName?: string) => {
      const choice =
        typeof fileName === 'string'
          ? EXAMPLES.find((example) => example.file === fileName)
          : await vscode.window.showQuickPick(EXAMPLES, { title: 'Open an example batch file' });
      if (!choice) return undefined;
      const uri = vscode.Uri.joinPath(context.extensionUri, 'examples', choice.file);
      return vscode.window.showTextDocument(uri, { preview: false });
    }),
  );
}
