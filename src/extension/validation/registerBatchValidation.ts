import type * as vscode from 'vscode';
import type { BatchStudioConfiguration } from '../configuration';
import { BatchDiagnostics } from './batchDiagnostics';
import { registerBatchCompletions } from './batchCompletions';
import { registerBatchHovers } from './batchHovers';
import { registerBatchQuickFixes } from './batchCodeActions';
import { registerBatchStatusBar } from './batchStatusBar';
import { registerEstimateStatusBar } from './estimateStatusBar';
import { type OpenBatchDocumentValidation, registerOpenBatchDocumentValidation } from './openBatchDocumentValidation';
import { registerRemoveByteOrderMarkCommand } from './removeByteOrderMark';
import { registerValidateWorkspaceCommand } from './validateWorkspaceCommand';

/** Batch file validation in the editor: diagnostics, quick fixes, completions, hovers, status bar, workspace command. */
export function registerBatchValidation(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  log: vscode.LogOutputChannel,
): OpenBatchDocumentValidation {
  const diagnostics = new BatchDiagnostics();
  context.subscriptions.push(diagnostics);
  const validation = registerOpenBatchDocumentValidation(context, configuration, diagnostics, log);
  registerBatchQuickFixes(context, validation);
  registerRemoveByteOrderMarkCommand(context, log);
  registerBatchCompletions(context, validation);
  registerBatchHovers(context, validation);
  registerBatchStatusBar(context, validation);
  registerEstimateStatusBar(context, validation, log);
  registerValidateWorkspaceCommand(context, configuration, validation, diagnostics, log);
  return validation;
}
