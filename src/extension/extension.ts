import * as vscode from 'vscode';
import { createLog } from './log';
import { registerConfiguration } from './configuration';
import { registerBatchValidation } from './validation/registerBatchValidation';
import { registerBatchLanguageDetection } from './batchLanguageDetection';
import { registerOpenExampleCommand } from './commands/openExample';
import { registerShowLogCommand } from './commands/showLog';
import { registerResults } from './results/registerResults';
import { JobStore } from '../core/jobs/jobStore';
import { GlobalStateJobStorage } from './jobs/globalStateJobStorage';
import { registerLocalEmulator } from './emulator/registerLocalEmulator';
import { registerProfiles } from './profiles/registerProfiles';
import { registerSubmit } from './submit/registerSubmit';
import { registerJobs } from './jobs/registerJobs';
import { registerSubmitTestHooks } from './submit/submitTestHooks';
import { registerAuthoring } from './authoring/registerAuthoring';
import { registerConvertBatchFile } from './convert/convertBatchFile';
import { shareMessageLanguageWithCore } from './messageLanguage';

/** Wiring only: each feature registers itself and hands its disposables to the context. */
export function activate(context: vscode.ExtensionContext): void {
  shareMessageLanguageWithCore();
  const log = createLog(context);
  const configuration = registerConfiguration(context);
  registerShowLogCommand(context, log);
  registerOpenExampleCommand(context);
  const validation = registerBatchValidation(context, configuration, log);
  registerBatchLanguageDetection(context);
  // Results use the Jobs feature's downloads, which it registers below.
  const resultsLoader = registerResults(context, configuration, log, {
    resultFilesForJob: (job) => jobs.resultFilesForJob(job),
    latestJobWithResults: (inputPath) => jobs.latestJobWithResults(inputPath),
  });
  registerAuthoring(context, resultsLoader, log);
  context.subscriptions.push(...registerConvertBatchFile());
  const jobStore = new JobStore(new GlobalStateJobStorage(context.globalState));
  const emulator = registerLocalEmulator(context, configuration, log);
  const { profiles, keys, providers } = registerProfiles(context, configuration, emulator, log);
  const jobs = registerJobs(context, { store: jobStore, providers, configuration, log, activeProfile: () => profiles.active().name, keys, profileNamed: (name) => profiles.get(name) });
  registerSubmit(context, { profiles, providers, jobStore, log, runs: jobs.runs }, validation);
  registerSubmitTestHooks(context, { jobStore, profiles, keys, providers, emulator });
  log.info(`LLM Batch Studio ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}`);
}

export function deactivate(): void {}
