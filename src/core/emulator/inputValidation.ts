import { DiagnosticCodes, validateBatchFile } from '../validation';
import type { BatchError } from './types';

/** The API reports at most this many line errors for a failed batch; more would only bloat the batch object. */
const MAX_REPORTED_ERRORS = 1000;

export interface InputCheck {
  requests: number;
  model?: string;
  errors: BatchError[];
}

/**
 * Decides whether a batch's input file is accepted, as `POST /v1/batches` validation does: the file's own
 * rules (codes of src/core/validation) plus "every line targets the batch's endpoint".
 */
export async function validateInputForBatch(path: string, endpoint: string): Promise<InputCheck> {
  // An endpoint without `/v1` came through Azure's resource form: its file follows Azure's rules.
  const report = await validateBatchFile(path, { provider: endpoint.startsWith('/v1/') ? 'openai' : 'azure' });
  const errors: BatchError[] = report.diagnostics
    // The API fails such a request on its own line when it runs, not the whole batch at upload.
    .filter((diagnostic) => diagnostic.severity === 'error' && diagnostic.code !== DiagnosticCodes.contextLengthExceeded)
    .slice(0, MAX_REPORTED_ERRORS)
    .map((diagnostic) => ({ code: diagnostic.code, message: diagnostic.message, param: diagnostic.param ?? null, line: diagnostic.line + 1 }));
  if (report.kind === 'output') {
    errors.push({ code: DiagnosticCodes.invalidRequest, message: 'This is a batch output or error file, not a file of requests.', param: null, line: null });
  } else if (report.endpoint !== undefined && report.endpoint !== endpoint) {
    errors.push({
      code: DiagnosticCodes.urlMismatch,
      message: `The requests in the file use '${report.endpoint}' but the batch was created for '${endpoint}'.`,
      param: 'url',
      line: null,
    });
  }
  return { requests: report.requests, model: report.model, errors };
}
