import * as l10n from '@vscode/l10n';
import { DiagnosticCodes } from './codes';
import { isJsonObject } from './jsonValues';
import { finding, type LineDiagnostic, type LineLookups } from './lineText';

/** A line of an output or error file looks like `{id?, custom_id, response, error}`, Anthropic's `{custom_id, result}` or Gemini's `{key, response | error}`. */
export function looksLikeOutputLine(value: Record<string, unknown>): boolean {
  return ('response' in value || 'error' in value || 'result' in value) && !('body' in value) && !('method' in value) && !('params' in value) && !('request' in value);
}

/**
 * The output-line shape, checked leniently as real files need: extra fields are fine, `error.code`
 * may be a string or an integer, either of `response` and `error` may be null.
 */
export function outputFindings(result: Record<string, unknown>, source: LineLookups): LineDiagnostic[] {
  const findings: LineDiagnostic[] = [];
  const problem = (path: string[], message: string) => findings.push(finding(source.lookups.memberSpan(path), DiagnosticCodes.invalidOutputLine, message, path.join('.')));
  const { id, custom_id: customId, response, error } = result;
  // Gemini's responses name their request by `key` and carry the GenerateContentResponse or a status object.
  if (customId === undefined && typeof result.key === 'string') {
    if (response === undefined && error === undefined && result.status === undefined) findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.invalidOutputLine, l10n.t('A result line needs a response or an error')));
    return findings;
  }
  if (typeof customId !== 'string') {
    if (customId === undefined) findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.invalidOutputLine, l10n.t('A result line needs a custom_id (a string)'), 'custom_id'));
    else problem(['custom_id'], l10n.t('custom_id must be a string'));
  }
  if (id !== undefined && id !== null && typeof id !== 'string') problem(['id'], l10n.t('id must be a string'));
  if (isJsonObject(result.result) && response === undefined) {
    if (typeof result.result.type !== 'string') problem(['result'], l10n.t('result.type must be succeeded, errored, canceled or expired'));
    return findings;
  }
  if (response === undefined && error === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.invalidOutputLine, l10n.t('A result line needs a response or an error')));
  }
  if (response !== undefined && response !== null) {
    if (!isJsonObject(response)) problem(['response'], l10n.t('response must be an object or null'));
    else if (typeof response.status_code !== 'number' || !Number.isInteger(response.status_code)) problem(['response'], l10n.t('response.status_code must be an integer HTTP status'));
  }
  if (error !== undefined && error !== null) {
    if (!isJsonObject(error)) problem(['error'], l10n.t('error must be an object or null'));
    else if (error.code !== undefined && error.code !== null && typeof error.code !== 'string' && typeof error.code !== 'number') {
      problem(['error', 'code'], l10n.t('error.code must be a string or a number'));
    }
  }
  return findings;
}
