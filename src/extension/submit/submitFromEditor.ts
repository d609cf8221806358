import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import { apiKeyVariables, isAbort, MissingApiKeyError, type Profile } from '../../core/providers';
import { checkSubmission, submitChecked, waitForQueueHeadroom, type SubmissionCheck } from '../../core/submit';
import { describeProviderError } from '../../core/errors';
import { readFileDialect } from '../../core/dialects';
import type { ProfileCatalog } from '../profiles/profileCatalog';
import { isInProcessEmulator, profileForDialect, toProviderLog, type ProfileConnection, type ProfileProviders } from '../profiles/profileProviders';
import { showProblems, showSubmitError } from './submitErrorActions';
import { stageMessage, UploadProgressTracker, waitingForHeadroomMessage } from '../../core/submit/submitProgressText';
import type { SubmitQuestions } from './submitQuestions';
import { formatCount } from '../../core/formatting';
import { statusLabel } from '../../core/jobs/jobPresentation';
import { FOCUS_JOBS_VIEW_COMMAND } from '../../core/contributionIds';
import { checkRun, runConfirmationDetail } from '../../core/runner';
import type { DirectRuns } from '../runs/directRuns';

export interface SubmitDependencies {
  profiles: ProfileCatalog;
  providers: ProfileProviders;
  jobStore: JobStore;
  log: vscode.LogOutputChannel;
  /** Where a file on a `direct` profile runs instead of being submitted. */
  runs: DirectRuns;
}

export type NotSubmittedReason = 'untrusted' | 'no-file' | 'in-progress' | 'unsaved' | 'missing-key' | 'invalid' | 'duplicate' | 'declined' | 'cancelled' | 'failed';

/** What the submit command resolves with (for callers and tests); the user sees messages instead. */
export type SubmitCommandResult =
  | { outcome: 'submitted'; jobs: Job[] }
  | { outcome: 'not-submitted'; reason: NotSubmittedReason; existing?: Job; errorCount?: number; message?: string };

function notSubmitted(reason: NotSubmittedReason, details: Omit<Extract<SubmitCommandResult, { outcome: 'not-submitted' }>, 'outcome' | 'reason'> = {}): SubmitCommandResult {
  return { outcome: 'not-submitted', reason, ...details };
}

/**
 * Files with a submission under way (checking, asking or sending). The duplicate check runs before the
 * confirmation, so a second submit of the same file started meanwhile (a double click on the lens or the
 * title button) would pass it too and create a second paid batch: it is refused instead.
 */
const submitting = new Set<string>();

/**
 * Submits a batch file from the editor, safely: refuses in an untrusted workspace, saves a dirty document
 * first (what is on disk is what is sent), validates and refuses on errors, never sends the same content
 * twice without an explicit "Submit Again", confirms a summary, then uploads with cancellable progress and
 * records the job before announcing it. Every failure becomes a message that says what to do; the raw
 * error goes to the log, redacted of the key.
 */
export async function submitFromEditor(target: vscode.Uri | undefined, questions: SubmitQuestions, deps: SubmitDependencies): Promise<SubmitCommandResult> {
  if (!vscode.workspace.isTrusted) {
    void vscode.window
      .showWarningMessage(
        vscode.l10n.t('Submitting is disabled in an untrusted workspace: its files could be sent to a provider on your key. Trust the workspace to submit; validation works either way.'),
        vscode.l10n.t('Manage Workspace Trust'),
      )
      .then((choice) => choice && vscode.commands.executeCommand('workbench.trust.manage'));
    return notSubmitted('untrusted');
  }
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file') {
    void vscode.window.showWarningMessage(vscode.l10n.t('Open a batch file saved on disk (*.batch.jsonl), then submit it.'));
    return notSubmitted('no-file');
  }
  const fileName = basename(uri.fsPath);
  const key = uri.toString();
  if (submitting.has(key)) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is already being submitted. Wait for that submission to finish; it is not sent twice.', fileName));
    return notSubmitted('in-progress');
  }
  submitting.add(key);
  try {
    return await submitFile(uri, fileName, questions, deps);
  } finally {
    submitting.delete(key);
  }
}

async function submitFile(uri: vscode.Uri, fileName: string, questions: SubmitQuestions, deps: SubmitDependencies): Promise<SubmitCommandResult> {
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
  if (document?.isDirty && !((await questions.saveFirst(fileName)) && (await document.save()))) return notSubmitted('unsaved');

  const profile = profileForDialect(deps.profiles.active(), await readFileDialect(uri.fsPath), deps.profiles);
  if (profile.kind === 'direct') return runFromEditor(uri, fileName, profile, questions, deps);
  let connection: ProfileConnection | undefined;
  let check: SubmissionCheck | undefined;
  try {
    connection = await deps.providers.connect(profile);
    check = await checkWithProgress(uri, fileName, connection, deps);
    if (check.outcome === 'invalid') return refuseInvalid(uri, fileName, check);
    let force = false;
    if (check.outcome === 'duplicate') {
      if (!(await questions.submitAgain(fileName, check.existing, profile.name))) return notSubmitted('duplicate', { existing: check.existing });
      force = true;
      deps.log.info(`Submitting ${uri.fsPath} again, as the user chose, although ${check.existing.id} carries the same content`);
    }
    const destination = { name: profile.name, baseUrl: connection.profile.baseUrl, local: isInProcessEmulator(profile) };
    const confirmed = await questions.confirm(fileName, check, destination);
    if (!confirmed) return notSubmitted('declined');
    const metadata = { ...connection.profile.metadata, ...(typeof confirmed === 'object' ? { description: confirmed.description } : {}) };
    const jobs = await submitWithProgress(check, force, fileName, connection, deps, metadata);
    announce(jobs, fileName, profile, deps.log);
    return { outcome: 'submitted', jobs };
  } catch (error) {
    return failed(error, uri, profile, connection, check, deps.log);
  }
}

async function checkWithProgress(uri: vscode.Uri, fileName: string, connection: ProfileConnection, deps: SubmitDependencies): Promise<SubmissionCheck> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}', fileName), cancellable: true }, (progress, token) => {
    const abort = new AbortController();
    token.onCancellationRequested(() => abort.abort());
    return checkSubmission(uri.fsPath, {
      provider: connection.provider,
      jobStore: deps.jobStore,
      signal: abort.signal,
      onProgress: (step) => progress.report({ message: stageMessage(step) }),
      log: toProviderLog(deps.log),
    });
  });
}

/**
 * A `direct` profile has no Batch API: the file runs from this machine, one synchronous request per line,
 * after the same checks (validation, a confirmation with the cost estimate). A file already running is not
 * started twice; a file run before carries on from its journal (answered requests are never sent again).
 */
async function runFromEditor(uri: vscode.Uri, fileName: string, profile: Profile, questions: SubmitQuestions, deps: SubmitDependencies): Promise<SubmitCommandResult> {
  const running = deps.runs.runningFor(uri.fsPath);
  if (running) {
    void vscode.window
      .showInformationMessage(vscode.l10n.t('{0} is already running on {1}; pause, resume or cancel it in the Jobs view.', fileName, running.profile), vscode.l10n.t('Show Job'))
      .then((choice) => choice && vscode.commands.executeCommand(FOCUS_JOBS_VIEW_COMMAND));
    return notSubmitted('in-progress', { existing: running });
  }
  try {
    const check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Checking {0}', fileName) }, () => checkRun(uri.fsPath, profile));
    if (check.outcome === 'invalid') return refuseInvalid(uri, fileName, check);
    if (!(await questions.confirmRun(fileName, profile.name, runConfirmationDetail(check, profile)))) return notSubmitted('declined');
    const job = await deps.runs.start(profile, { inputPath: check.file, endpoint: check.endpoint, ...(check.model ? { model: check.model } : {}) });
    deps.log.info(`Running ${fileName} on "${profile.name}" (${job.id}) from this machine`);
    void vscode.window
      .showInformationMessage(vscode.l10n.t('Running {0} on {1}: answers are written beside it as they arrive.', fileName, profile.name), vscode.l10n.t('Show Job'))
      .then((choice) => choice && vscode.commands.executeCommand(FOCUS_JOBS_VIEW_COMMAND));
    return { outcome: 'submitted', jobs: [job] };
  } catch (error) {
    return failed(error, uri, profile, undefined, undefined, deps.log);
  }
}

function refuseInvalid(uri: vscode.Uri, fileName: string, check: { errors: readonly { message: string }[] }): SubmitCommandResult {
  const errorCount = check.errors.length;
  // A single error may be the profile's (an endpoint it cannot serve), not in Problems: say it in full.
  const message =
    errorCount === 1
      ? vscode.l10n.t('Not submitted: {0}: {1}', fileName, check.errors[0].message)
      : errorCount > 0
        ? vscode.l10n.t('Not submitted: {0} has {1} errors. Fix them, then submit again.', fileName, formatCount(errorCount))
        : vscode.l10n.t('Not submitted: {0} holds no requests.', fileName);
  void vscode.window.showErrorMessage(message, vscode.l10n.t('Show Problems')).then((choice) => (choice ? showProblems(uri) : undefined));
  return notSubmitted('invalid', { errorCount });
}

async function submitWithProgress(
  check: Exclude<SubmissionCheck, { outcome: 'invalid' }>,
  force: boolean,
  fileName: string,
  connection: ProfileConnection,
  deps: SubmitDependencies,
  metadata: Record<string, string>,
): Promise<Job[]> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Submitting {0} to {1}', fileName, connection.profile.name), cancellable: true },
    (progress, token) => {
      const abort = new AbortController();
      token.onCancellationRequested(() => abort.abort());
      const tracker = new UploadProgressTracker(check.bytes);
      return submitChecked(check, {
        provider: connection.provider,
        jobStore: deps.jobStore,
        force,
        split: check.split !== undefined,
        signal: abort.signal,
        onProgress: (step) => progress.report(tracker.step(step)),
        log: toProviderLog(deps.log),
        apiKey: connection.apiKey,
        waitForHeadroom: (tokens, part, parts) =>
          waitForQueueHeadroom(deps.jobStore, connection.profile, check.model, tokens, {
            signal: abort.signal,
            onWaiting: (headroom) => progress.report({ message: waitingForHeadroomMessage(tokens, part, parts, headroom) }),
          }),
        ...(Object.keys(metadata).length ? { metadata } : {}),
      });
    },
  );
  // With force and split set, only a submission comes back; anything else is a contract change in core.
  if (result.outcome !== 'submitted') throw new Error(`Submission ended as "${result.outcome}" after it was confirmed.`);
  return result.jobs;
}

/** The jobs are already persisted in the JobStore (the core awaits it) when this says so. */
function announce(jobs: Job[], fileName: string, profile: Profile, log: vscode.LogOutputChannel): void {
  log.info(`Submitted ${fileName} to "${profile.name}": ${jobs.map((job) => `${job.id} (${job.status})`).join(', ')}`);
  const message =
    jobs.length === 1
      ? vscode.l10n.t('Submitted {0} to {1} as batch {2} ({3}).', fileName, profile.name, jobs[0].id, statusLabel(jobs[0].status))
      : vscode.l10n.t('Submitted {0} to {1} as {2} batches, one per part.', fileName, profile.name, jobs.length);
  void vscode.window
    .showInformationMessage(message, vscode.l10n.t('Show Job'))
    .then((choice) => choice && vscode.commands.executeCommand(FOCUS_JOBS_VIEW_COMMAND));
}

function failed(error: unknown, uri: vscode.Uri, profile: Profile, connection: ProfileConnection | undefined, check: SubmissionCheck | undefined, log: vscode.LogOutputChannel): SubmitCommandResult {
  if (error instanceof MissingApiKeyError) {
    const message = vscode.l10n.t(
      "No API key for \"{0}\". Set one (kept in VS Code's secret storage for {1}), or start VS Code with {2} set.",
      profile.name,
      new URL(profile.baseUrl).origin,
      apiKeyVariables(profile).join(vscode.l10n.t(' or ')),
    );
    log.warn(`Submit ${uri.fsPath}: ${message}`);
    showSubmitError({ message, action: 'set-api-key', logDetail: '' }, uri, profile.name);
    return notSubmitted('missing-key', { message });
  }
  const described = describeProviderError('submit', error, { profileName: profile.name, report: check?.report, secrets: [connection?.apiKey] });
  log.error(`Submit ${uri.fsPath} to "${profile.name}" failed: ${described.logDetail}`);
  if (isAbort(error)) {
    void vscode.window.showInformationMessage(described.message);
    return notSubmitted('cancelled', { message: described.message });
  }
  showSubmitError(described, uri, profile.name);
  return notSubmitted('failed', { message: described.message });
}
