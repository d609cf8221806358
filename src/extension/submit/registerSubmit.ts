import type * as vscode from 'vscode';
import { registerSubmitCodeLens } from './submitCodeLens';
import { registerSubmitCommand } from './submitCommand';
import type { SubmitDependencies } from './submitFromEditor';
import type { OpenBatchDocumentValidation } from '../validation/openBatchDocumentValidation';

/** Submit Batch File: the command (palette, editor title) and the CodeLens on line 1. */
export function registerSubmit(context: vscode.ExtensionContext, deps: SubmitDependencies, validation: OpenBatchDocumentValidation): void {
  registerSubmitCommand(context, deps);
  registerSubmitCodeLens(context, deps.profiles, validation);
}
