import type * as vscode from 'vscode';
import { COMMANDS } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import type { ResultsLoader } from '../results/resultsLoader';
import { registerExportResultsWithDataCommand } from './exportResultsWithData';
import { registerGenerateBatchFileCommand } from './generateBatchFile';
import { registerTemplateCodeLens } from './templateCodeLens';
import { templateDocumentFor } from './templateDocuments';
import { TemplatePreviews } from './templatePreview';

/**
 * Batch files authored from data: the template's CodeLens, its live preview, Generate Batch File, and
 * Export Results with Data. Returns the previews (tests wait on their refreshes).
 */
export function registerAuthoring(context: vscode.ExtensionContext, loader: ResultsLoader, log: vscode.LogOutputChannel): TemplatePreviews {
  const previews = new TemplatePreviews(log);
  context.subscriptions.push(
    previews,
    registerTemplateCodeLens(),
    registerGenerateBatchFileCommand(log),
    registerExportResultsWithDataCommand(loader, log),
    registerCommand(COMMANDS.previewBatchTemplate, async (source?: unknown) => {
      const document = await templateDocumentFor(source);
      return document && previews.show(document);
    }),
  );
  return previews;
}
