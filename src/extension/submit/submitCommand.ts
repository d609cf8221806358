import * as vscode from 'vscode';
import { modalQuestions, scriptedQuestions, type SubmitAnswers } from './submitQuestions';
import { submitFromEditor, type SubmitDependencies } from './submitFromEditor';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What tests pass instead of a Uri: the file, and answers that stand in for the modal dialogs. */
interface ScriptedSubmitArgs {
  uri: vscode.Uri;
  answers: SubmitAnswers;
}

function isScripted(arg: unknown): arg is ScriptedSubmitArgs {
  return typeof arg === 'object' && arg !== null && (arg as ScriptedSubmitArgs).uri instanceof vscode.Uri && typeof (arg as ScriptedSubmitArgs).answers === 'object';
}

/**
 * "Submit Batch File": the active editor's file, or the Uri the editor title button or CodeLens passes.
 * Scripted answers are honoured only when the extension runs its tests, so no other caller can skip the
 * confirmation or the "Submit Again" question.
 */
export function registerSubmitCommand(context: vscode.ExtensionContext, deps: SubmitDependencies): void {
  const testMode = context.extensionMode === vscode.ExtensionMode.Test;
  context.subscriptions.push(
    registerCommand(COMMANDS.submit, (arg?: unknown) => {
      if (isScripted(arg)) return submitFromEditor(arg.uri, testMode ? scriptedQuestions(arg.answers) : modalQuestions, deps);
      return submitFromEditor(arg instanceof vscode.Uri ? arg : undefined, modalQuestions, deps);
    }),
  );
}
