import * as l10n from '@vscode/l10n';
import { checkGeminiRequest } from '../../validation/bodySchemas';
import { DiagnosticCodes } from '../../validation/codes';
import { describeValue, isJsonObject } from '../../validation/jsonValues';
import { finding, type LineDiagnostic, type LineLookups } from '../../validation/lineText';
import type { RequestFacts } from '../dialect';

/**
 * The create-time rules of Gemini's Batch Mode with an input file (ai.google.dev/gemini-api/docs/batch-api):
 * each line is `{"key", "request"}`, `key` a user-defined string that names the line's response (unique in the
 * file: fileRules), `request` a GenerateContentRequest with `contents`. The model is the batch's, not the line's.
 */

/** Every Gemini batch request goes to generateContent of the batch's model. */
export const GEMINI_ENDPOINT = 'generateContent';

const ENVELOPE_KEYS = new Set(['key', 'request']);

export function collectGeminiFacts(request: Record<string, unknown>, _provider: unknown, facts: RequestFacts): void {
  const { key } = request;
  if (typeof key === 'string' && key.length > 0) facts.customId = key;
  facts.url = GEMINI_ENDPOINT;
}

export function geminiRequestFindings(request: Record<string, unknown>, source: LineLookups): LineDiagnostic[] {
  const findings: LineDiagnostic[] = [];
  for (const name in request) {
    if (ENVELOPE_KEYS.has(name)) continue;
    findings.push(
      finding(source.lookups.keySpan([name]), DiagnosticCodes.unknownParameter, l10n.t('Unknown parameter "{0}": a Gemini batch line has only key and request (request options go in request)', name), name, 'warning'),
    );
  }
  const { key, request: body } = request;
  if (key === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, l10n.t('{0} is missing: {1}', 'key', l10n.t('every request needs a unique key to match its response')), 'key'));
  } else if (typeof key !== 'string' || key.length === 0) {
    findings.push(finding(source.lookups.valueSpan(['key']), DiagnosticCodes.invalidCustomId, l10n.t('key is {0}: it must be a non-empty string', describeValue(key)), 'key'));
  }
  if (body === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, l10n.t('{0} is missing: {1}', 'request', l10n.t('add the generateContent body, e.g. "request": {"contents": [{"parts": [{"text": …}]}]}')), 'request'));
  } else if (!isJsonObject(body)) {
    findings.push(finding(source.lookups.memberSpan(['request']), DiagnosticCodes.invalidBody, l10n.t('request must be an object (got {0})', describeValue(body)), 'request'));
  } else {
    const problem = checkGeminiRequest(body);
    if (problem) findings.push(finding(source.lookups.memberSpan(problem.path), problem.code, problem.message, problem.param));
  }
  return findings;
}
