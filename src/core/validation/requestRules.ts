import * as l10n from '@vscode/l10n';
import { findContextLengthProblem } from '../estimate/contextLength';
import { checkBody, isEmbeddingsEndpoint } from './bodySchemas';
import { DiagnosticCodes } from './codes';
import { describeValue, isJsonObject } from './jsonValues';
import { finding, type LineDiagnostic, type LineLookups } from './lineText';
import { acceptedEndpoints, isAcceptedEndpoint } from './providers';
import type { RequestFacts } from '../dialects/dialect';
import type { ProviderLimitsName } from './types';

export type { RequestFacts } from '../dialects/dialect';

const ENVELOPE_KEYS = new Set(['custom_id', 'method', 'url', 'body']);
export const CUSTOM_ID_MAX_LENGTH = 64;

/** `input` is a string, a list of strings, one token list, or a list of token lists. */
function countEmbeddingInputs(input: unknown): number {
  if (!Array.isArray(input)) return input === undefined ? 0 : 1;
  return input.length > 0 && typeof input[0] === 'number' ? 1 : input.length;
}

/**
 * The string last seen for a fact, to keep when a line repeats it: every line of a batch names the same
 * url and model, and holding one copy instead of 50,000 keeps the editor's heap (and GC time) small.
 */
const lastSeen = { url: '', model: '' };

function shared(kind: keyof typeof lastSeen, value: string): string {
  if (value === lastSeen[kind]) return lastSeen[kind];
  lastSeen[kind] = value;
  return value;
}

/** Records the facts of a request line on `facts` (the line's record: no object per line). */
export function collectRequestFacts(request: Record<string, unknown>, provider: ProviderLimitsName, facts: RequestFacts): void {
  const { custom_id: customId, url, body } = request;
  if (typeof customId === 'string' && customId.length > 0) facts.customId = customId;
  if (typeof url === 'string' && isAcceptedEndpoint(provider, url)) facts.url = shared('url', url);
  if (isJsonObject(body)) {
    if (typeof body.model === 'string') facts.model = shared('model', body.model);
    if (typeof url === 'string' && isEmbeddingsEndpoint(url)) facts.embeddingInputs = countEmbeddingInputs(body.input);
  }
}

function missing(source: LineLookups, param: string, why: string): LineDiagnostic {
  return finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, l10n.t('{0} is missing: {1}', param, why), param);
}

/** The rules that need only this line: envelope keys, custom_id, method, url, body. */
export function requestFindings(request: Record<string, unknown>, source: LineLookups, provider: ProviderLimitsName): LineDiagnostic[] {
  const findings: LineDiagnostic[] = [];
  for (const key in request) {
    if (ENVELOPE_KEYS.has(key)) continue;
    findings.push(
      finding(source.lookups.keySpan([key]), DiagnosticCodes.unknownParameter, l10n.t('Unknown parameter "{0}": a request line has only custom_id, method, url and body (request options go in body)', key), key, 'warning'),
    );
  }

  const { custom_id: customId, method, url, body } = request;
  if (customId === undefined) findings.push(missing(source, 'custom_id', l10n.t('every request needs a unique custom_id to match its result')));
  else if (typeof customId !== 'string' || customId.length === 0) {
    findings.push(finding(source.lookups.valueSpan(['custom_id']), DiagnosticCodes.invalidCustomId, l10n.t('custom_id must be a non-empty string (got {0})', describeValue(customId)), 'custom_id'));
  } else if (customId.length > CUSTOM_ID_MAX_LENGTH) {
    findings.push(
      finding(source.lookups.valueSpan(['custom_id']), DiagnosticCodes.customIdTooLong, l10n.t('custom_id is {0} characters long; keep it to {1} or fewer', customId.length, CUSTOM_ID_MAX_LENGTH), 'custom_id', 'warning'),
    );
  }

  if (method === undefined) findings.push(missing(source, 'method', l10n.t('add "method": "POST"')));
  else if (method !== 'POST') findings.push(finding(source.lookups.valueSpan(['method']), DiagnosticCodes.invalidMethod, l10n.t('method must be "POST" (got {0})', describeValue(method)), 'method'));

  if (url === undefined) findings.push(missing(source, 'url', l10n.t('add the endpoint, e.g. "url": "/v1/chat/completions"')));
  else if (typeof url !== 'string' || !isAcceptedEndpoint(provider, url)) {
    const endpoints = acceptedEndpoints(provider);
    const expected = endpoints ? l10n.t('one of {0}', endpoints.join(', ')) : l10n.t('a non-empty endpoint path');
    findings.push(finding(source.lookups.valueSpan(['url']), DiagnosticCodes.invalidUrl, l10n.t('url {0} is not a batch endpoint {1} accepts: use {2}', describeValue(url), provider, expected), 'url'));
  }

  if (body === undefined) findings.push(missing(source, 'body', l10n.t('add the request body, e.g. "body": {"model": …}')));
  else if (!isJsonObject(body)) findings.push(finding(source.lookups.memberSpan(['body']), DiagnosticCodes.invalidBody, l10n.t('body must be an object (got {0})', describeValue(body)), 'body'));
  else {
    if (body.stream === true) {
      findings.push(finding(source.lookups.wholeMemberSpan(['body', 'stream']), DiagnosticCodes.streamingUnsupported, l10n.t('body.stream is true, but batch requests cannot stream: remove it'), 'body.stream'));
    }
    const problem = typeof url === 'string' ? checkBody(url, body) : undefined;
    if (problem) findings.push(finding(source.lookups.memberSpan(problem.path), problem.code, problem.message, problem.param));
    else {
      const tooLong = findContextLengthProblem(typeof url === 'string' ? url : undefined, body, source.text);
      if (tooLong) findings.push(finding(source.lookups.memberSpan(tooLong.param.split('.')), DiagnosticCodes.contextLengthExceeded, tooLong.message, tooLong.param, tooLong.severity));
    }
  }
  return findings;
}
