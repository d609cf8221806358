import * as vscode from 'vscode';
import type { BatchStudioConfiguration } from '../configuration';
import { registerCompletenessDiagnostics } from './completenessDiagnostics';
import { registerExportResultsCommand } from './exportResults';
import { registerOpenResultsBesideInputCommand } from './openResultsBesideInput';
import { registerRequestStatusHints } from './requestStatusHints';
import { registerResultDocuments } from './resultDocuments';
import { registerResultsCodeLens } from './resultsCodeLens';
import { registerResultHovers } from './resultHovers';
import { registerResultNavigation } from './resultNavigation';
import { ResultsLoader, type JobResults } from './resultsLoader';
import { ResultsSessions } from './resultsSessions';
import { registerResultsSummaryCommand } from './resultsSummaryDocuments';
import { registerResultsTableCommand } from './resultsTablePanel';
import { registerRetryFailedCommand } from './retryFailed';
import { ResultsScrollSync } from './scrollSync';

/**
 * Results side by side: the aligned results document beside its input, scroll sync, hovers, inlay hints,
 * completeness diagnostics, navigation, summary, the results table, retry and export. Jobs reach it through
 * `batchStudio.openResultsBesideInput` and lend it their jobs' result files (`JobResults`).
 */
export function registerResults(
  context: vscode.ExtensionContext,
  configuration: BatchStudioConfiguration,
  log: vscode.LogOutputChannel,
  jobResults: JobResults,
): ResultsLoader {
  const sessions = new ResultsSessions();
  const loader = new ResultsLoader(sessions, log, jobResults);
  context.subscriptions.push(
    sessions,
    registerResultDocuments(sessions),
    registerResultsCodeLens(sessions),
    registerCompletenessDiagnostics(sessions),
    registerRequestStatusHints(sessions),
    registerResultHovers(sessions),
    registerResultNavigation(sessions),
    new ResultsScrollSync(sessions, configuration),
    registerOpenResultsBesideInputCommand(loader),
    registerResultsSummaryCommand(loader, configuration, context.asAbsolutePath('schemas/prices.json')),
    registerRetryFailedCommand(loader, log),
    registerExportResultsCommand(loader, log),
    registerResultsTableCommand(context, loader, sessions),
  );
  return loader;
}
