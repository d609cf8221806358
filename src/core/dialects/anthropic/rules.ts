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
      finding(source.lookups.keySpan([key]), DiagnosticCodes.unknownParameter, `Unknown parameter "${key}": an Anthropic batch request has only custom_id and params (request options go in params)`, key, 'error'),
    );
  }
  const { custom_id: customId, params } = request;
  if (customId === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, 'custom_id is missing: every request needs a unique custom_id to match its result', 'custom_id'));
  } else if (typeof customId !== 'string' || !ANTHROPIC_CUSTOM_ID.test(customId)) {
    const why = typeof customId === 'string' && customId.length > 64 ? `is ${customId.length} characters long` : `is ${describeValue(customId)}`;
    findings.push(
      finding(source.lookups.valueSpan(['custom_id']), DiagnosticCodes.invalidCustomId, `custom_id ${why}: Anthropic takes 1 to 64 letters, digits, "_" and "-"`, 'custom_id'),
    );
  }
  if (params === undefined) {
    findings.push(finding(source.lookups.contentSpan(), DiagnosticCodes.missingRequiredParameter, 'params is missing: add the Messages API body, e.g. "params": {"model": …, "max_tokens": …, "messages": […]}', 'params'));
  } else if (!isJsonObject(params)) {
    findings.push(finding(source.lookups.memberSpan(['params']), DiagnosticCodes.invalidBody, `params must be an object (got ${describeValue(params)})`, 'params'));
  } else {
    if (params.stream === true) {
      findings.push(finding(source.lookups.wholeMemberSpan(['params', 'stream']), DiagnosticCodes.streamingUnsupported, 'params.stream is true, but batch requests cannot stream: remove it', 'params.stream'));
    }
    const problem = checkAnthropicParams(params);
    if (problem) findings.push(finding(source.lookups.memberSpan(problem.path), problem.code, problem.message, problem.param));
  }
  return findings;
}
