import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import { looksLikeBatchFirstLine } from '../../core/batchLanguage';
import { validateBatchFile } from '../../core/validation';
import type { BatchStudioConfiguration } from '../configuration';
import type { BatchDiagnostics } from './batchDiagnostics';
import { toDiagnostic } from './diagnosticConversion';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';

/** What one run of the command found; returned to callers (and tests) of the command. */
export interface WorkspaceValidationSummary {
  files: number;
  errors: number;
  warnings: number;
  cancelled: boolean;
}

const FIRST_LINE_PROBE_BYTES = 64 * 1024;

/** Whether a `.jsonl` file on disk is a batch file: its first line carries `custom_id` (as the language detection decides). */
async function hasBatchFirstLine(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(FIRST_LINE_PROBE_BYTES);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    const firstLine = buffer.subarray(0, bytesRead).toString('utf8').split(/\r?\n/, 1)[0] ?? '';
    return looksLikeBatchFirstLine(firstLine);
  } finally {
    await file.close();
  }
}

/** The workspace's batch files on disk that no editor has open (open ones are validated live). */
async function findUnopenedBatchFiles(
  validation: OpenBatchDocumentValidation,
  token: vscode.CancellationToken,
): Promise<vscode.Uri[]> {
  const candidates = await vscode.workspace.findFiles('**/*.jsonl', undefined, undefined, token);
  const found: vscode.Uri[] = [];
  for (const uri of candidates) {
    if (uri.scheme !== 'file' || validation.isOpen(uri)) continue;
    if (uri.path.endsWith('.batch.jsonl') || (await hasBatchFirstLine(uri.fsPath).catch(() => false))) found.push(uri);
  }
  return found.sort((a, b) => a.path.localeCompare(b.path));
}

async function validateWorkspace(
  configuration: BatchStudioConfiguration,
  validation: OpenBatchDocumentValidation,
  diagnostics: BatchDiagnostics,
  log: vscode.LogOutputChannel,
): Promise<WorkspaceValidationSummary> {
  const summary: WorkspaceValidationSummary = { files: 0, errors: 0, warnings: 0, cancelled: false };
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Validating batch files'), cancellable: true },
    async (progress, token) => {
      const files = await findUnopenedBatchFiles(validation, token);
      for (const uri of files) {
        if (token.isCancellationRequested) break;
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        // The ticket drops this result if the file is opened (and validated live) meanwhile.
        const ticket = diagnostics.takeTicket(uri);
        try {
          const report = await validateBatchFile(uri.fsPath, { provider: configuration.validationProvider(uri) });
          if (validation.isOpen(uri)) continue;
          diagnostics.publish(uri, ticket, report.diagnostics.map((finding) => toDiagnostic(uri, finding)));
          summary.files++;
          for (const finding of report.diagnostics) {
            if (finding.severity === 'error') summary.errors++;
            else summary.warnings++;
          }
        } catch (error) {
          log.error(`Validating ${uri.fsPath} failed`, error);
        }
      }
      summary.cancelled = token.isCancellationRequested;
    },
  );
  log.info(
    `Validated ${summary.files} unopened batch files${summary.cancelled ? ' (cancelled)' : ''}: ${summary.errors} errors, ${summary.warnings} warnings`,
  );
  return summary;
}

function reportSummary(summary: WorkspaceValidationSummary): void {
  const message =
    summary.files === 0
      ? vscode.l10n.t('No unopened batch files (*.batch.jsonl, or .jsonl starting with a request) in the workspace; open files are validated as you edit.')
      : summary.cancelled
        ? vscode.l10n.t('Validated {0} batch files before cancelling: {1} errors and {2} warnings.', summary.files, summary.errors, summary.warnings)
        : vscode.l10n.t('Validated {0} batch files: {1} errors and {2} warnings.', summary.files, summary.errors, summary.warnings);
  const showProblems = vscode.l10n.t('Show Problems');
  void vscode.window.showInformationMessage(message, ...(summary.errors + summary.warnings ? [showProblems] : [])).then((choice) => {
    if (choice === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
}

/** "Batch Studio: Validate Workspace Batch Files": fills Problems for batch files that are not open. */
export function registerValidateWorkspaceCommand(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  validation: OpenBatchDocumentValidation,
  diagnostics: BatchDiagnostics,
  log: vscode.LogOutputChannel,
): void {
  context.subscriptions.push(
    registerCommand(COMMANDS.validateWorkspace, async () => {
      const summary = await validateWorkspace(configuration, validation, diagnostics, log);
      reportSummary(summary);
      return summary;
    }),
  );
}
