import type { ParsedResultLine } from '../../results/resultLine';
import { emptyUsage, type TokenUsage } from '../../results/tokenUsage';
import { isJsonObject } from '../../validation/jsonValues';

type Json = Record<string, unknown>;

/** The codes an unrun request gets, the same as OpenAI's error file uses, so retry and summary treat them alike. */
const UNRUN_CODES: Readonly<Record<string, { code: string; message: string }>> = {
  expired: { code: 'batch_expired', message: 'This request could not be executed before the batch expired.' },
  canceled: { code: 'batch_cancelled', message: 'This request was not executed: the batch was canceled.' },
};

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : 0;
}

/** Messages API usage: `input_tokens` excludes the cached prompt, which is read or written separately. */
function messageUsage(usage: unknown): TokenUsage {
  if (!isJsonObject(usage)) return emptyUsage();
  const cached = count(usage.cache_read_input_tokens);
  const prompt = count(usage.input_tokens) + cached + count(usage.cache_creation_input_tokens);
  const completion = count(usage.output_tokens);
  return { prompt, completion, cached, reasoning: 0, total: prompt + completion };
}

/** The text blocks of a message, then its tool calls by name. */
function messageText(message: Json): string {
  const texts: string[] = [];
  const tools: string[] = [];
  for (const block of Array.isArray(message.content) ? message.content : []) {
    if (!isJsonObject(block)) continue;
    if (block.type === 'text' && typeof block.text === 'string') texts.push(block.text);
    else if (block.type === 'tool_use' && typeof block.name === 'string') tools.push(`${block.name}(${JSON.stringify(block.input ?? {})})`);
  }
  if (tools.length) texts.push(`tool_use: ${tools.join(', ')}`);
  return texts.join('\n');
}

/** True for a line of Anthropic's batch results: `{"custom_id", "result": {"type", …}}`. */
export function isAnthropicResultLine(line: Json): boolean {
  return isJsonObject(line.result) && !('response' in line);
}

/**
 * Reads one line of a Message Batch's results (`succeeded` with the message, `errored` with the API error,
 * `canceled`, `expired`) into the common result shape. Lenient: an unknown `type` is a failure naming it.
 */
export function readAnthropicResultLine(customId: string, result: Json): ParsedResultLine {
  const type = typeof result.type === 'string' ? result.type : 'unknown';
  if (type === 'succeeded' && isJsonObject(result.message)) {
    const message = result.message;
    const parsed: ParsedResultLine = { customId, outcome: 'succeeded', text: messageText(message), usage: messageUsage(message.usage) };
    if (typeof message.model === 'string') parsed.model = message.model;
    return parsed;
  }
  let failure = UNRUN_CODES[type];
  if (!failure) {
    // `{"type": "error", "error": {"type": "invalid_request_error", "message"}}`, the Messages API's error body.
    const outer = isJsonObject(result.error) ? result.error : {};
    const inner = isJsonObject(outer.error) ? outer.error : outer;
    const code = typeof inner.type === 'string' && inner.type ? inner.type : type;
    failure = { code, message: typeof inner.message === 'string' ? inner.message : '' };
  }
  return {
    customId,
    outcome: 'failed',
    errorCode: failure.code,
    errorMessage: failure.message,
    text: failure.message ? `${failure.code}: ${failure.message}` : failure.code,
    usage: emptyUsage(),
  };
}
