import { readFileLines } from '../jsonl/fileLines';
import { isBlankLine } from '../jsonl/lines';
import { DiagnosticCodes, PROVIDER_LIMITS, isAcceptedEndpoint } from '../validation';
import type { BatchDiagnostic, BatchFileReport } from '../validation/types';
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
  const report = await checkBatchEnvelopes(path);
  const errors: BatchError[] = report.diagnostics
    .filter((diagnostic) => diagnostic.severity === 'error')
    .slice(0, MAX_REPORTED_ERRORS)
    .map((diagnostic) => ({ code: diagnostic.code, message: diagnostic.message, param: diagnostic.param ?? null, line: diagnostic.line + 1 }));
  if (report.endpoint !== undefined && report.endpoint !== endpoint) {
    errors.push({
      code: DiagnosticCodes.urlMismatch,
      message: `The requests in the file use '${report.endpoint}' but the batch was created for '${endpoint}'.`,
      param: 'url',
      line: null,
    });
  }
  return { requests: report.requests, model: report.model, errors };
}

/** Endpoints whose request body must name a model (moderations defaults one). */
const MODEL_OPTIONAL = new Set(['/v1/moderations']);

/**
 * Interim envelope check with the validation rules' codes, until `validateBatchFile` of src/core/validation
 * implements its rules; then `validateInputForBatch` calls that instead and this goes.
 */
async function checkBatchEnvelopes(path: string): Promise<BatchFileReport> {
  const limits = PROVIDER_LIMITS.openai;
  const diagnostics: BatchDiagnostic[] = [];
  const seenIds = new Set<string>();
  let requests = 0;
  let endpoint: string | undefined;
  let model: string | undefined;
  const report = (line: number, code: string, message: string, param?: string): void => {
    diagnostics.push({ line, column: 0, endLine: line, endColumn: 0, severity: 'error', code, message, param });
  };

  const { bytes } = await readFileLines(path, ({ text }, line) => {
    if (isBlankLine(text)) return;
    requests++;
    if (requests === (limits.maxRequests ?? Infinity) + 1) {
      report(line, DiagnosticCodes.tooManyTasks, `A batch file may hold at most ${limits.maxRequests} requests.`);
    }
    let request: unknown;
    try {
      request = JSON.parse(text);
    } catch {
      return report(line, DiagnosticCodes.invalidJsonLine, 'This line is not parseable as valid JSON.');
    }
    if (typeof request !== 'object' || request === null || Array.isArray(request)) {
      return report(line, DiagnosticCodes.invalidRequest, 'Each line must be a JSON object with custom_id, method, url and body.');
    }
    const { custom_id: customId, method, url, body } = request as Record<string, unknown>;
    for (const [name, value] of Object.entries({ custom_id: customId, method, url, body })) {
      if (value === undefined) return report(line, DiagnosticCodes.missingRequiredParameter, `Missing required parameter: '${name}'.`, name);
    }
    if (typeof customId !== 'string' || customId.length === 0) {
      return report(line, DiagnosticCodes.invalidCustomId, 'custom_id must be a non-empty string.', 'custom_id');
    }
    if (seenIds.has(customId)) {
      return report(line, DiagnosticCodes.duplicateCustomId, `The custom_id '${customId}' is used more than once.`, 'custom_id');
    }
    seenIds.add(customId);
    if (method !== 'POST') return report(line, DiagnosticCodes.invalidMethod, "Only 'POST' is supported as method.", 'method');
    if (typeof url !== 'string' || !isAcceptedEndpoint('openai', url)) {
      return report(line, DiagnosticCodes.invalidUrl, `'${String(url)}' is not a supported batch endpoint.`, 'url');
    }
    endpoint ??= url;
    if (url !== endpoint) return report(line, DiagnosticCodes.urlMismatch, `The url '${url}' differs from the file's '${endpoint}'.`, 'url');
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return report(line, DiagnosticCodes.invalidBody, 'body must be a JSON object.', 'body');
    }
    const fields = body as Record<string, unknown>;
    if (fields.stream === true) return report(line, DiagnosticCodes.streamingUnsupported, 'Streaming is not supported in batches.', 'body.stream');
    if (typeof fields.model !== 'string') {
      if (MODEL_OPTIONAL.has(url)) return;
      return report(line, DiagnosticCodes.missingRequiredParameter, "Missing required parameter: 'body.model'.", 'body.model');
    }
    model ??= fields.model;
    if (fields.model !== model) {
      return report(line, DiagnosticCodes.modelMismatch, `The model '${fields.model}' differs from the file's '${model}'.`, 'body.model');
    }
  });
  if (requests === 0) report(0, DiagnosticCodes.emptyBatch, 'The input file contains no requests.');
  return { kind: 'input', requests, endpoint, model, bytes, diagnostics };
}
