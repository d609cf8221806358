import * as vscode from 'vscode';
import { isTerminalStatus } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { JobProgressTracker } from '../../core/jobs/progress';
import type { BatchStudioConfiguration } from '../configuration';
import { registerCancelJobCommand } from './commands/cancelJob';
import { registerDownloadJobFilesCommand } from './commands/downloadJobFiles';
import { registerImportBatchesCommand } from './commands/importBatches';
import { registerOpenJobFileCommand } from './commands/openJobFile';
import { registerOpenResultsCommand } from './commands/openResults';
import { registerShowJobErrorsCommand } from './commands/showJobErrors';
import { registerSimpleJobCommands } from './commands/simpleJobCommands';
import type { JobCommandContext } from './jobCommandContext';
import { JobFinishNotifier } from './jobFinishNotifier';
import { JobPollers } from './jobPollers';
import { JobProgressStatusBar } from './jobProgressStatusBar';
import { JobsTreeProvider } from './jobsTree';
import type { ProviderAccess } from './providerAccess';

export interface JobsFeatureOptions {
  store: JobStore;
  providers: ProviderAccess;
  configuration: BatchStudioConfiguration;
  log: vscode.LogOutputChannel;
  activeProfile(): string;
}

/** How often the progress of active jobs (bar, ETA countdown) is redrawn while any job is active. */
const PROGRESS_REFRESH_MS = 1_000;
/** Every this many progress redraws, all rows are redrawn too (relative times age). */
const FULL_REFRESH_EVERY = 30;

/** The Jobs view, its polling, notifications, progress status bar and commands. */
export function registerJobs(context: vscode.ExtensionContext, options: JobsFeatureOptions): JobPollers {
  const { store, providers, configuration, log } = options;
  const progress = new JobProgressTracker();
  const tree = new JobsTreeProvider(store, progress);
  const view = vscode.window.createTreeView('batchStudio.jobs', { treeDataProvider: tree, showCollapseAll: true });
  const pollers = new JobPollers({
    store,
    providers,
    progress,
    log,
    minIntervalMs: () => configuration.pollIntervalSeconds() * 1000,
    onAuthFailure: (profile) => {
      const offer = async () => {
        const choice = await vscode.window.showWarningMessage(
          `Batch Studio stopped checking jobs on "${profile}": the provider did not accept the API key.`,
          'Set API Key',
        );
        if (choice === 'Set API Key') await vscode.commands.executeCommand('batchStudio.setApiKey', profile);
      };
      offer().catch((error: unknown) => log.error(error instanceof Error ? error : String(error)));
    },
  });
  const notifier = new JobFinishNotifier(store, log);
  const statusBar = new JobProgressStatusBar(store, progress);
  const jobs: JobCommandContext = {
    context,
    store,
    providers,
    pollers,
    tree,
    view,
    log,
    activeProfile: options.activeProfile,
    resultsFolder: () => configuration.resultsFolder(),
  };
  // The bar and the ETA move between polls, relative times age: redraw them while something runs, from
  // a timer that only repaints (active rows each second, all rows now and then).
  const repaint = new vscode.Disposable(clearRepaintTimer);
  let repaintTimer: NodeJS.Timeout | undefined;
  let repaints = 0;
  function clearRepaintTimer() {
    if (repaintTimer) clearTimeout(repaintTimer);
    repaintTimer = undefined;
  }
  function scheduleRepaint() {
    clearRepaintTimer();
    if (!store.all().some((job) => !isTerminalStatus(job.status))) return;
    repaintTimer = setTimeout(() => {
      repaints++;
      tree.refreshDescriptions({ activeOnly: repaints % FULL_REFRESH_EVERY !== 0 });
      statusBar.update();
      scheduleRepaint();
    }, PROGRESS_REFRESH_MS);
  }
  const storeSubscription = store.onDidChange(scheduleRepaint);
  context.subscriptions.push(
    tree,
    view,
    pollers,
    notifier,
    statusBar,
    repaint,
    { dispose: () => storeSubscription.dispose() },
    registerCancelJobCommand(jobs),
    registerDownloadJobFilesCommand(jobs),
    registerImportBatchesCommand(jobs),
    registerOpenResultsCommand(jobs),
    registerOpenJobFileCommand(jobs),
    registerShowJobErrorsCommand(jobs),
    ...registerSimpleJobCommands(jobs),
  );
  if (context.extensionMode === vscode.ExtensionMode.Test) {
    // The integration tests read the live tree and the persisted state; never registered for users.
    const hooks = { tree, pollers, globalState: context.globalState };
    context.subscriptions.push(vscode.commands.registerCommand('batchStudio.test.jobsHooks', () => hooks));
  }
  scheduleRepaint();
  void notifier.announcePending();
  pollers.wakeAll();
  return pollers;
}
