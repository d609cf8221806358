import * as vscode from 'vscode';
import { createLog } from './log';
import { registerConfiguration } from './configuration';
import { registerBatchValidation } from './validation/registerBatchValidation';
import { registerJobsView } from './jobsView';
import { registerBatchLanguageDetection } from './batchLanguageDetection';
import { registerOpenExampleCommand } from './commands/openExample';
import { registerShowLogCommand } from './commands/showLog';

/** Wiring only: each feature registers itself and hands its disposables to the context. */
export function activate(context: vscode.ExtensionContext): void {
  const log = createLog(context);
  const configuration = registerConfiguration(context);
  registerShowLogCommand(context, log);
  registerOpenExampleCommand(context);
  registerJobsView(context);
  registerBatchValidation(context, configuration, log);
  registerBatchLanguageDetection(context);
  log.info(`LLM Batch Studio ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}`);
}

export function deactivate(): void {}
