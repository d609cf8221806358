import { BatchDocumentValidator } from './documentValidator';
import type { BatchFileReport, ValidationOptions } from './types';

/** Validates a whole batch file held as one string (the editor's text, a test's input). */
export function validateBatchText(text: string, options: ValidationOptions): BatchFileReport {
  const validator = new BatchDocumentValidator(options);
  validator.setText(text);
  return validator.getReport();
}
