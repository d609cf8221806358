import * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import type { SubmissionCheck } from '../../core/submit';
import { confirmationDetail, describeExistingJob, type SubmitTarget } from '../../core/submit/submitText';

type SubmittableCheck = Extract<SubmissionCheck, { outcome: 'ready' | 'duplicate' }>;

/** The questions a submission asks before it sends anything. */
export interface SubmitQuestions {
  saveFirst(fileName: string): Promise<boolean>;
  /** The same content is already a live job: only an explicit "Submit Again" sends it twice. */
  submitAgain(fileName: string, existing: Job, profileName: string): Promise<boolean>;
  /** False: declined; true or a description (sent as batch metadata `description`): submit. */
  confirm(fileName: string, check: SubmittableCheck, target: SubmitTarget): Promise<boolean | { description: string }>;
  /** A direct profile: the requests go one by one from this machine, after this confirmation (`detail` says what and how much). */
  confirmRun(fileName: string, profileName: string, detail: string): Promise<boolean>;
}

/** The Batch API's longest metadata value. */
const MAX_DESCRIPTION_LENGTH = 512;

/** A description for the batch's metadata; undefined when the user cancels. */
async function askDescription(fileName: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Describe the batch of {0}', fileName),
    prompt: vscode.l10n.t('Sent as the batch\'s metadata "description"; the provider lists it with the batch.'),
    validateInput: (value) => (value.length > MAX_DESCRIPTION_LENGTH ? vscode.l10n.t('At most {0} characters ({1} now).', MAX_DESCRIPTION_LENGTH, value.length) : undefined),
  });
}

/** The user's path: modal dialogs, where dismissing means no. */
export const modalQuestions: SubmitQuestions = {
  async saveFirst(fileName) {
    const save = vscode.l10n.t('Save and Submit');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} has unsaved changes.', fileName),
      { modal: true, detail: vscode.l10n.t('Submitting sends the file as it is on disk. Save it first?') },
      save,
    );
    return choice === save;
  },
  async submitAgain(fileName, existing, profileName) {
    // The first button is the one Enter presses: the safe choice, so a reflex never bills twice.
    const keep = vscode.l10n.t('Keep the Existing Job');
    const again = vscode.l10n.t('Submit Again');
    const choice = await vscode.window.showWarningMessage(
      vscode.l10n.t('{0} was already submitted to {1}.', fileName, profileName),
      {
        modal: true,
        detail: vscode.l10n.t('The same content is {0}. Submitting again starts a second batch with the same requests, and it is billed again.', describeExistingJob(existing)),
      },
      keep,
      again,
    );
    return choice === again;
  },
  async confirm(fileName, check, target) {
    const submit = check.split ? vscode.l10n.t('Split and Submit {0} Parts', check.split.parts.length) : vscode.l10n.t('Submit');
    // Not "Submit …": a button whose label contains another's is easy to press by mistake (and to match in tests).
    const describe = vscode.l10n.t('Add a Description…');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Submit {0} to {1}?', fileName, target.name), { modal: true, detail: confirmationDetail(check, target, check.split) }, submit, describe);
    if (choice !== describe) return choice === submit;
    const description = await askDescription(fileName);
    return description === undefined ? false : description.trim() ? { description: description.trim() } : true;
  },
  async confirmRun(fileName, profileName, detail) {
    const run = vscode.l10n.t('Run');
    const choice = await vscode.window.showInformationMessage(vscode.l10n.t('Run {0} on {1}?', fileName, profileName), { modal: true, detail }, run);
    return choice === run;
  },
};

/** The answers a test gives instead of the dialogs (honoured in the extension's test mode only). */
export interface SubmitAnswers {
  save?: boolean;
  submitAgain?: boolean;
  confirm?: boolean;
  /** Confirm with this description (batch metadata). */
  description?: string;
}

export function scriptedQuestions(answers: SubmitAnswers): SubmitQuestions {
  return {
    saveFirst: async () => answers.save ?? true,
    submitAgain: async () => answers.submitAgain ?? false,
    confirm: async () => (answers.description !== undefined ? { description: answers.description } : (answers.confirm ?? true)),
    confirmRun: async () => answers.confirm ?? true,
  };
}
