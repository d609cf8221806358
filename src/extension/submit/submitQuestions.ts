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
  confirm(fileName: string, check: SubmittableCheck, target: SubmitTarget): Promise<boolean>;
}

/** The user's path: modal dialogs, where dismissing means no. */
export const modalQuestions: SubmitQuestions = {
  async saveFirst(fileName) {
    const save = 'Save and Submit';
    const choice = await vscode.window.showWarningMessage(
      `${fileName} has unsaved changes.`,
      { modal: true, detail: 'Submitting sends the file as it is on disk. Save it first?' },
      save,
    );
    return choice === save;
  },
  async submitAgain(fileName, existing, profileName) {
    const again = 'Submit Again';
    const choice = await vscode.window.showWarningMessage(
      `${fileName} was already submitted to ${profileName}.`,
      { modal: true, detail: `The same content is ${describeExistingJob(existing)}. Submitting again starts a second batch with the same requests, and it is billed again.` },
      again,
    );
    return choice === again;
  },
  async confirm(fileName, check, target) {
    const submit = check.split ? `Split and Submit ${check.split.parts.length} Parts` : 'Submit';
    const choice = await vscode.window.showInformationMessage(`Submit ${fileName} to ${target.name}?`, { modal: true, detail: confirmationDetail(check, target, check.split) }, submit);
    return choice === submit;
  },
};

/** The answers a test gives instead of the dialogs (honoured in the extension's test mode only). */
export interface SubmitAnswers {
  save?: boolean;
  submitAgain?: boolean;
  confirm?: boolean;
}

export function scriptedQuestions(answers: SubmitAnswers): SubmitQuestions {
  return {
    saveFirst: async () => answers.save ?? true,
    submitAgain: async () => answers.submitAgain ?? false,
    confirm: async () => answers.confirm ?? true,
  };
}
