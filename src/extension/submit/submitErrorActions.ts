import * as vscode from 'vscode';
import type { ProviderErrorDescription } from '../../core/errors';
import { COMMANDS, FOCUS_JOBS_VIEW_COMMAND, settingKey } from '../../core/contributionIds';

interface MessageAction {
  title: string;
  run(): Thenable<unknown>;
}

/** Opens the file with the cursor on a 1-based line. */
function openAtLine(uri: vscode.Uri, line: number): Thenable<unknown> {
  const position = new vscode.Position(Math.max(0, line - 1), 0);
  return vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

/** Opens the file (its diagnostics appear with it) and the Problems view. */
export async function showProblems(uri: vscode.Uri): Promise<void> {
  await vscode.window.showTextDocument(uri, { preview: false });
  await vscode.commands.executeCommand('workbench.actions.view.problems');
}

function actionsFor(described: ProviderErrorDescription, uri: vscode.Uri, profileName: string): MessageAction[] {
  switch (described.action) {
    case 'set-api-key':
      // Once the key is stored, the submit it interrupted carries on (still asking before it sends).
      return [
        {
          title: vscode.l10n.t('Set API Key'),
          run: async () => {
            if (await vscode.commands.executeCommand<boolean>(COMMANDS.setApiKey, profileName)) await vscode.commands.executeCommand(COMMANDS.submit, uri);
          },
        },
      ];
    case 'retry':
      return [{ title: vscode.l10n.t('Retry'), run: () => vscode.commands.executeCommand(COMMANDS.submit, uri) }];
    case 'retry-later':
      return [{ title: vscode.l10n.t('Show Jobs'), run: () => vscode.commands.executeCommand(FOCUS_JOBS_VIEW_COMMAND) }];
    case 'show-problems':
      return described.line !== undefined
        ? [{ title: vscode.l10n.t('Open Line {0}', described.line), run: () => openAtLine(uri, described.line!) }]
        : [{ title: vscode.l10n.t('Show Problems'), run: () => showProblems(uri) }];
    case 'check-profile':
      return [
        { title: vscode.l10n.t('Edit Profiles (batchStudio.profiles)'), run: () => vscode.commands.executeCommand('workbench.action.openSettings', settingKey('profiles')) },
        { title: vscode.l10n.t('Select Profile'), run: () => vscode.commands.executeCommand(COMMANDS.selectProfile) },
      ];
    case 'none':
      return [];
  }
}

/** Shows a failed submission's message with the action that fixes it; does not wait for the user. */
export function showSubmitError(described: ProviderErrorDescription, uri: vscode.Uri, profileName: string): void {
  const actions = actionsFor(described, uri, profileName);
  void vscode.window.showErrorMessage(described.message, ...actions.map((action) => action.title)).then((choice) => actions.find((action) => action.title === choice)?.run());
}
