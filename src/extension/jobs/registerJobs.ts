import * as vscode from 'vscode';
import { isTerminalStatus } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { JobProgressTracker } from '../../core/jobs/progress';
import type { BatchStudioConfiguration } from '../configuration';
import { registerCancelJobCommand } from './commands/cancelJob';
import { registerDownloadJobFilesCommand } from './commands/downloadJobFiles';
import { registerImportBatchesCommand } from './commands/importBatches';
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

/** How often relative times and ETAs in the tree are redrawn while any job is active. */
const DESCRIPTION_REFRESH_MS = 30_000;

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
  // Relative times and ETAs age: redraw them while something runs, from a timer that only repaints.
  const repaint = new vscode.Disposable(clearRepaintTimer);
  let repaintTimer: NodeJS.Timeout | undefined;
  function clearRepaintTimer() {
    if (repaintTimer) clearTimeout(repaintTimer);
    repaintTimer = undefined;
  }
  function scheduleRepaint() {
    clearRepaintTimer();
    if (!store.all().some((job) => !isTerminalStatus(job.status))) return;
    repaintTimer = setTimeout(() => {
      tree.refreshDescriptions();
      statusBar.update();
      scheduleRepaint();
    }, DESCRIPTION_REFRESH_MS);
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
