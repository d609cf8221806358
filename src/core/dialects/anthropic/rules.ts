import * as l10n from '@vscode/l10n';
import { checkAnthropicParams } from '../../validation/bodySchemas';
import { DiagnosticCodes } from '../../validation/codes';
import { describeValue, isJsonObject } from '../../validation/jsonValues';
import { finding, type LineDiagnostic, type LineLookups } from '../../validation/lineText';
import type { RequestFacts } from '../dialect';

/**
 * The create-time rules of Anthropic's Message Batches (platform.claude.com/docs/en/api/creating-message-batches):
 * `custom_id` matches `^[a-zA-Z0-9_-]{1,64}$` and is unique in the batch (unique: fileRules), `params` is a
 * Messages API body with `model`, `max_tokens` (at least 1 in a batch) and `messages`; streaming is refused.
 */
export const ANTHROPIC_CUSTOM_ID = /^[a-zA-Z0-9_-]{1,64}$/;

/** Every Anthropic batch request goes to the Messages API. */
export const ANTHROPIC_ENDPOINT = '/v1/messages';

const ENVELOPE_KEYS = new Set(['custom_id', 'params']);

export function collectAnthropicFacts(request: Record<string, unknown>, _provider: unknown, facts: RequestFacts): void {
  const { custom_id: customId, params } = request;
  if (typeof customId === 'string' && customId.length > 0) facts.customId = customId;
  facts.url = ANTHROPIC_ENDPOINT;
  if (isJsonObject(params) && typeof params.model === 'string') facts.model = params.model;
}

export function anthropicRequestFindings(request: Record<string, unknown>, source: LineLookups): LineDiagnostic[] {
  const findings: LineDiagnostic[] = [];
  for (const key in request) {
    if (ENVELOPE_KEYS.has(key)) continue;
    findings.push(
      finding(source.lookups.keySpan([key]), DiagnosticCodes.unknownParameter, l10n.t('Unknown parameter "{0}": an Anthropic batch request has only custom_id and params (request options go in params)', key), key, 'error'),
    );
  }
  const { custom_id: customId, params } = request;
  if (customId === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, l10n.t('{0} is missing: {1}', 'custom_id', l10n.t('every request needs a unique custom_id to match its result')), 'custom_id'));
  } else if (typeof customId !== 'string' || !ANTHROPIC_CUSTOM_ID.test(customId)) {
    const message =
      typeof customId === 'string' && customId.length > 64
        ? l10n.t('custom_id is {0} characters long: Anthropic takes 1 to 64 letters, digits, "_" and "-"', customId.length)
        : l10n.t('custom_id is {0}: Anthropic takes 1 to 64 letters, digits, "_" and "-"', describeValue(customId));
    findings.push(
      finding(source.lookups.valueSpan(['custom_id']), DiagnosticCodes.invalidCustomId, message, 'custom_id'),
    );
  }
  if (params === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, l10n.t('{0} is missing: {1}', 'params', l10n.t('add the Messages API body, e.g. "params": {"model": …, "max_tokens": …, "messages": […]}')), 'params'));
  } else if (!isJsonObject(params)) {
    findings.push(finding(source.lookups.memberSpan(['params']), DiagnosticCodes.invalidBody, l10n.t('params must be an object (got {0})', describeValue(params)), 'params'));
  } else {
    if (params.stream === true) {
      findings.push(finding(source.lookups.wholeMemberSpan(['params', 'stream']), DiagnosticCodes.streamingUnsupported, l10n.t('params.stream is true, but batch requests cannot stream: remove it'), 'params.stream'));
    }
    const problem = checkAnthropicParams(params);
    if (problem) findings.push(finding(source.lookups.memberSpan(problem.path), problem.code, problem.message, problem.param));
  }
  return findings;
}
