/**
 * The ids the extension contributes in package.json: every command it registers and every setting it reads
 * come from here, and a unit test holds this module and package.json equal in both directions.
 */

/** Commands in package.json `contributes.commands`. */
export const COMMANDS = {
  openExample: 'batchStudio.openExample',
  showLog: 'batchStudio.showLog',
  validateWorkspace: 'batchStudio.validateWorkspace',
  refreshJobs: 'batchStudio.refreshJobs',
  importBatches: 'batchStudio.importBatches',
  cancelJob: 'batchStudio.cancelJob',
  stopRun: 'batchStudio.stopRun',
  pauseRun: 'batchStudio.pauseRun',
  resumeRun: 'batchStudio.resumeRun',
  openResults: 'batchStudio.openResults',
  downloadJobFiles: 'batchStudio.downloadJobFiles',
  copyBatchId: 'batchStudio.copyBatchId',
  openJobInput: 'batchStudio.openJobInput',
  removeJob: 'batchStudio.removeJob',
  showJobErrors: 'batchStudio.showJobErrors',
  openJobFile: 'batchStudio.openJobFile',
  submit: 'batchStudio.submit',
  selectProfile: 'batchStudio.selectProfile',
  addProfile: 'batchStudio.addProfile',
  editProfile: 'batchStudio.editProfile',
  setApiKey: 'batchStudio.setApiKey',
  clearApiKey: 'batchStudio.clearApiKey',
  startEmulator: 'batchStudio.startEmulator',
  stopEmulator: 'batchStudio.stopEmulator',
  openResultsBesideInput: 'batchStudio.openResultsBesideInput',
  showResultsSummary: 'batchStudio.showResultsSummary',
  openResultsTable: 'batchStudio.openResultsTable',
  retryFailed: 'batchStudio.retryFailed',
  exportResults: 'batchStudio.exportResults',
  exportResultsWithData: 'batchStudio.exportResultsWithData',
  generateBatchFile: 'batchStudio.generateBatchFile',
  previewBatchTemplate: 'batchStudio.previewBatchTemplate',
  goToResult: 'batchStudio.goToResult',
  goToRequest: 'batchStudio.goToRequest',
  openFullResult: 'batchStudio.openFullResult',
  convertBatchFile: 'batchStudio.convertBatchFile',
} as const;

/** Commands registered but not contributed: invoked by the extension's own code actions, or by its tests. */
export const INTERNAL_COMMANDS = {
  /** The quick fix for a byte-order mark VS Code keeps as the `utf8bom` encoding (a code action runs it). */
  removeByteOrderMark: 'batchStudio.removeByteOrderMark',
  /** Test mode only. */
  submitTestHooks: 'batchStudio.test.submitHooks',
  /** Test mode only. */
  jobsTestHooks: 'batchStudio.test.jobsHooks',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS] | (typeof INTERNAL_COMMANDS)[keyof typeof INTERNAL_COMMANDS];

/** The settings section: every key in SETTINGS lives under it. */
export const SETTINGS_SECTION = 'batchStudio';

/** Settings in package.json `contributes.configuration`, relative to SETTINGS_SECTION. */
export const SETTINGS = {
  validationProvider: 'validation.provider',
  validationDelay: 'validation.delay',
  pollIntervalSeconds: 'pollIntervalSeconds',
  resultsFolder: 'results.folder',
  emulatorRequestsPerSecond: 'emulator.requestsPerSecond',
  resultsSyncScroll: 'results.syncScroll',
  resultsPriceFile: 'results.priceFile',
  profiles: 'profiles',
} as const;

export type SettingName = keyof typeof SETTINGS;

/** The full key of a setting, as the Settings editor and settings.json show it. */
export function settingKey(setting: SettingName): string {
  return `${SETTINGS_SECTION}.${SETTINGS[setting]}`;
}

/** The Jobs view (package.json `contributes.views`), and the command VS Code derives to focus it. */
export const JOBS_VIEW = 'batchStudio.jobs';
export const FOCUS_JOBS_VIEW_COMMAND = `${JOBS_VIEW}.focus`;
