import { isJsonObject } from '../../validation/jsonValues';

type Json = Record<string, unknown>;

/** A part as the chat format's: text as text; inline data and files as the parts the estimate names as not counted. */
function chatPart(part: unknown): Json | undefined {
  if (!isJsonObject(part)) return undefined;
  if (typeof part.text === 'string') return { type: 'text', text: part.text };
  if (part.inlineData !== undefined || part.inline_data !== undefined || part.fileData !== undefined || part.file_data !== undefined) return { type: 'file', file: {} };
  return undefined;
}

function partsOf(content: unknown): Json[] {
  return isJsonObject(content) && Array.isArray(content.parts) ? content.parts.map(chatPart).filter((part) => part !== undefined) : [];
}

/**
 * A GenerateContentRequest as the equivalent chat completions body, for counting its tokens only: the system
 * instruction as a system message, `model` turns as assistant turns. Gemini's tokenizer is not public in
 * JavaScript, so the count made from it is always approximate.
 */
export function chatEquivalentOfGenerateContent(request: Json, model: string | undefined): Json {
  const messages: Json[] = [];
  const system = request.systemInstruction ?? request.system_instruction;
  if (system !== undefined) messages.push({ role: 'system', content: partsOf(system) });
  if (Array.isArray(request.contents)) {
    for (const content of request.contents) {
      if (isJsonObject(content)) messages.push({ role: content.role === 'model' ? 'assistant' : 'user', content: partsOf(content) });
    }
  }
  const config = isJsonObject(request.generationConfig) ? request.generationConfig : isJsonObject(request.generation_config) ? request.generation_config : {};
  const body: Json = { model, messages };
  const maxTokens = config.maxOutputTokens ?? config.max_output_tokens;
  if (maxTokens !== undefined) body.max_tokens = maxTokens;
  const candidates = config.candidateCount ?? config.candidate_count;
  if (candidates !== undefined) body.n = candidates;
  return body;
}
