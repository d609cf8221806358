import * as vscode from 'vscode';
import { isTerminalStatus } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { errorMessage } from '../../core/errors';
import { JobProgressTracker } from '../../core/jobs/progress';
import type { BatchStudioConfiguration } from '../configuration';
import { registerCancelJobCommand } from './commands/cancelJob';
import { registerDownloadJobFilesCommand } from './commands/downloadJobFiles';
import { registerImportBatchesCommand } from './commands/importBatches';
import { registerOpenJobFileCommand } from './commands/openJobFile';
import { latestJobWithResults, registerOpenResultsCommand, resultFilesForJob } from './commands/openResults';
import { registerShowJobErrorsCommand } from './commands/showJobErrors';
import { registerSimpleJobCommands } from './commands/simpleJobCommands';
import type { JobCommandContext } from './jobCommandContext';
import { JobFinishNotifier } from './jobFinishNotifier';
import { JobPollers } from './jobPollers';
import { JobProgressStatusBar } from './jobProgressStatusBar';
import { JobsTreeProvider } from './jobsTree';
import type { ProviderAccess } from '../../core/providers/providerAccess';
import type { JobResults } from '../results/resultsLoader';
import { COMMANDS, INTERNAL_COMMANDS, JOBS_VIEW } from '../../core/contributionIds';
import { registerCommand } from '../commands/registerCommand';
import type { Profile } from '../../core/providers';
import type { ApiKeys } from '../profiles/apiKeys';
import { DirectRuns } from '../runs/directRuns';
import { registerRunCommands } from '../runs/runCommands';
import { resumeUnfinishedRuns, type AskToResume } from '../runs/resumeUnfinishedRuns';

export interface JobsFeatureOptions {
  store: JobStore;
  providers: ProviderAccess;
  configuration: BatchStudioConfiguration;
  log: vscode.LogOutputChannel;
  activeProfile(): string;
  /** Keys for direct runs, and the profile a stopped run resumes on. */
  keys: ApiKeys;
  profileNamed(name: string): Profile | undefined;
}

/** How often the progress of active jobs (bar, ETA countdown) is redrawn while any job is active. */
const PROGRESS_REFRESH_MS = 1_000;
/** Every this many progress redraws, all rows are redrawn too (relative times age). */
const FULL_REFRESH_EVERY = 30;

/** What the Jobs feature lends the others: its pollers, and its jobs' result files to the results commands. */
export interface JobsFeature extends JobResults {
  pollers: JobPollers;
  runs: DirectRuns;
}

/** The Jobs view, its polling, notifications, progress status bar and commands. */
export function registerJobs(context: vscode.ExtensionContext, options: JobsFeatureOptions): JobsFeature {
  const { store, providers, configuration, log } = options;
  const progress = new JobProgressTracker();
  const runs = new DirectRuns(store, options.keys, log);
  const tree = new JobsTreeProvider(store, progress, (job) => runs.progress(job));
  const runRows = runs.onDidChangeProgress((job) => tree.refreshJob(job));
  const view = vscode.window.createTreeView(JOBS_VIEW, { treeDataProvider: tree, showCollapseAll: true });
  const pollers = new JobPollers({
    store,
    providers,
    progress,
    log,
    minIntervalMs: () => configuration.pollIntervalSeconds() * 1000,
  });
  const offerKey = pollers.onDidStopForKey((profile) => {
    const offer = async () => {
      const setApiKey = vscode.l10n.t('Set API Key');
      const choice = await vscode.window.showWarningMessage(
        vscode.l10n.t('Batch Studio stopped checking jobs on "{0}": the provider did not accept the API key. Checking resumes when a key is set.', profile),
        setApiKey,
      );
      if (choice === setApiKey) await vscode.commands.executeCommand(COMMANDS.setApiKey, profile);
    };
    offer().catch((error: unknown) => log.error(errorMessage(error)));
  });
  const notifier = new JobFinishNotifier(store, log);
  const statusBar = new JobProgressStatusBar(store, progress, (job) => runs.progress(job));
  const jobs: JobCommandContext = {
    context,
    store,
    providers,
    pollers,
    runs,
    profileNamed: options.profileNamed,
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
  // A stored or changed key resumes polling stopped by a 401; a new interval applies without a reload.
  const keySubscription = context.secrets.onDidChange(() => pollers.pollNow());
  const settingSubscription = configuration.onDidChange((change) => {
    if (change.affects('pollIntervalSeconds')) pollers.setMinIntervalMs(configuration.pollIntervalSeconds() * 1000);
  });
  context.subscriptions.push(
    tree,
    view,
    pollers,
    runs,
    runRows,
    ...registerRunCommands(jobs),
    notifier,
    statusBar,
    repaint,
    { dispose: () => storeSubscription.dispose() },
    keySubscription,
    offerKey,
    settingSubscription,
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
    const hooks = {
      tree,
      pollers,
      runs,
      globalState: context.globalState,
      resumeUnfinishedRuns: (ask: AskToResume) => resumeUnfinishedRuns(store, runs, options.profileNamed, log, ask),
    };
    context.subscriptions.push(registerCommand(INTERNAL_COMMANDS.jobsTestHooks, () => hooks));
  }
  scheduleRepaint();
  void notifier.announcePending();
  pollers.wakeAll();
  // The tests answer the question themselves (through the hooks), so they are not asked at activation.
  if (context.extensionMode !== vscode.ExtensionMode.Test) void resumeUnfinishedRuns(store, runs, options.profileNamed, log);
  return {
    pollers,
    runs,
    resultFilesForJob: (job) => resultFilesForJob(jobs, job),
    latestJobWithResults: (inputPath) => latestJobWithResults(store, inputPath),
  };
}
