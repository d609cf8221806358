import { randomBytes } from 'node:crypto';
import type { JobUsage } from '../jobs/job';
import { redactSecrets } from './redaction';

/**
 * The seed's answers (`responses: [{index, response} | {index, error}]`, `total_usage`) turned into OpenAI
 * batch output lines keyed by custom_id, so results code reads them like any provider's output file.
 */
export interface SeedResultLines {
  /** Output-file lines (JSON text): requests that got an answer. */
  outputs: string[];
  /** Error-file lines (JSON text): requests that failed, with the reason. */
  errors: string[];
  usage: JobUsage;
}

type Fields = Record<string, unknown>;

function asObject(value: unknown): Fields | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Fields) : undefined;
}

function requestLineId(): string {
  return `batch_req_${randomBytes(12).toString('hex')}`;
}

export function emptyUsage(): JobUsage {
  return { inputTokens: 0, cachedTokens: 0, outputTokens: 0, reasoningTokens: 0, totalTokens: 0 };
}

/** An error-file line for a request that got no answer (`response: null`), as the Batch API writes them. */
export function errorLine(customId: string, code: string, message: string): string {
  return JSON.stringify({ id: requestLineId(), custom_id: customId, response: null, error: { code, message } });
}

/**
 * Lines for one seed answer covering `customIds` (in the order the requests were sent). An entry that is
 * missing from the answer becomes an error line too: every request ends up in exactly one file.
 */
export function seedAnswerLines(
  customIds: readonly string[],
  answer: unknown,
  requestId: string | undefined,
  into: SeedResultLines,
  missing = { code: 'missing_response', message: 'The provider answered the batch without an entry for this request.' },
): void {
  const fields = asObject(answer) ?? {};
  const entries = Array.isArray(fields.responses) ? fields.responses : [];
  const seen = new Set<number>();
  for (const raw of entries) {
    const entry = asObject(raw);
    const index = typeof entry?.index === 'number' ? entry.index : -1;
    if (!entry || index < 0 || index >= customIds.length || seen.has(index)) continue;
    seen.add(index);
    const customId = customIds[index];
    const response = asObject(entry.response);
    if (response) {
      const body = { object: 'chat.completion', created: fields.created, model: fields.model, ...response };
      into.outputs.push(
        JSON.stringify({ id: requestLineId(), custom_id: customId, response: { status_code: 200, request_id: requestId ?? String(fields.id ?? ''), body }, error: null }),
      );
      addUsage(into.usage, asObject(response.usage));
    } else {
      const error = asObject(entry.error);
      const code = String(error?.code ?? error?.type ?? 'request_failed');
      const message = typeof error?.message === 'string' ? error.message : JSON.stringify(entry.error ?? null);
      into.errors.push(errorLine(customId, code, redactSecrets(message)));
    }
  }
  customIds.forEach((customId, index) => {
    if (!seen.has(index)) into.errors.push(errorLine(customId, missing.code, missing.message));
  });
}

function addUsage(total: JobUsage, usage: Fields | undefined): void {
  if (!usage) return;
  const number = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
  total.inputTokens += number(usage.prompt_tokens);
  total.outputTokens += number(usage.completion_tokens);
  total.totalTokens += number(usage.total_tokens);
  total.cachedTokens += number(asObject(usage.prompt_tokens_details)?.cached_tokens);
  total.reasoningTokens += number(asObject(usage.completion_tokens_details)?.reasoning_tokens);
}
