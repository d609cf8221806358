import type { ParsedResultLine } from '../../results/resultLine';
import { emptyUsage, type TokenUsage } from '../../results/tokenUsage';
import { isJsonObject } from '../../validation/jsonValues';

type Json = Record<string, unknown>;

function count(value: unknown): number {
  const number = typeof value === 'string' ? Number(value) : value;
  return typeof number === 'number' && Number.isFinite(number) && number > 0 ? number : 0;
}

/** `usageMetadata`: `promptTokenCount` includes the cached part; thinking tokens are billed as output. */
export function geminiUsage(usage: unknown): TokenUsage {
  if (!isJsonObject(usage)) return emptyUsage();
  const prompt = count(usage.promptTokenCount);
  const reasoning = count(usage.thoughtsTokenCount);
  const completion = count(usage.candidatesTokenCount) + reasoning;
  return { prompt, completion, cached: count(usage.cachedContentTokenCount), reasoning, total: count(usage.totalTokenCount) || prompt + completion };
}

/** The text parts of the first candidate, then its function calls by name. */
function responseText(response: Json): string {
  const [candidate] = Array.isArray(response.candidates) ? response.candidates : [];
  const parts = isJsonObject(candidate) && isJsonObject(candidate.content) && Array.isArray(candidate.content.parts) ? candidate.content.parts : [];
  const texts: string[] = [];
  const calls: string[] = [];
  for (const part of parts) {
    if (!isJsonObject(part) || part.thought === true) continue;
    if (typeof part.text === 'string') texts.push(part.text);
    else if (isJsonObject(part.functionCall) && typeof part.functionCall.name === 'string') calls.push(`${part.functionCall.name}(${JSON.stringify(part.functionCall.args ?? {})})`);
  }
  if (calls.length) texts.push(`function_call: ${calls.join(', ')}`);
  return texts.join('\n');
}

/** True for a line of a Gemini batch's responses file: `{"key", "response" | "error" | "status"}`. */
export function isGeminiResultLine(line: Json): boolean {
  return typeof line.key === 'string' && !('custom_id' in line) && ('response' in line || 'error' in line || 'status' in line);
}

/**
 * Reads one line of a Gemini batch's responses file into the common result shape: a GenerateContentResponse,
 * or a status object (`{code, message, status}`, as `error` or `status`) whose HTTP code decides a retry. A
 * response whose prompt was blocked (no candidates, a `promptFeedback.blockReason`) is a failure naming the reason.
 */
export function readGeminiResultLine(key: string, line: Json): ParsedResultLine {
  const response = isJsonObject(line.response) ? line.response : undefined;
  const status = isJsonObject(line.error) ? line.error : isJsonObject(line.status) ? line.status : undefined;
  const blockReason = response && !Array.isArray(response.candidates) && isJsonObject(response.promptFeedback) ? response.promptFeedback.blockReason : undefined;
  if (response && !status && blockReason === undefined) {
    const parsed: ParsedResultLine = { customId: key, outcome: 'succeeded', text: responseText(response), usage: geminiUsage(response.usageMetadata) };
    if (typeof response.modelVersion === 'string') parsed.model = response.modelVersion;
    return parsed;
  }
  const code = blockReason !== undefined ? `prompt_blocked_${String(blockReason).toLowerCase()}` : typeof status?.status === 'string' ? status.status.toLowerCase() : 'error';
  const message = blockReason !== undefined ? `The prompt was blocked (${String(blockReason)}).` : typeof status?.message === 'string' ? status.message : '';
  const parsed: ParsedResultLine = { customId: key, outcome: 'failed', errorCode: code, errorMessage: message, text: message ? `${code}: ${message}` : code, usage: response ? geminiUsage(response.usageMetadata) : emptyUsage() };
  if (typeof status?.code === 'number' && status.code >= 400) parsed.statusCode = status.code;
  return parsed;
}
