import { isJsonObject } from '../validation/jsonValues';
import { contentText } from './messageContent';

const DEFAULT_MAX_LENGTH = 200;

function lastUserMessage(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let index = messages.length - 1; index >= 0; index--) {
    const message: unknown = messages[index];
    if (isJsonObject(message) && message.role === 'user') return contentText(message.content, ' ');
  }
  return '';
}

/** A string input, the last user item of an input array, or the first of a list of inputs with their count. */
function inputText(input: unknown): string {
  if (typeof input === 'string') return input;
  if (!Array.isArray(input) || !input.length) return '';
  if (input.every((item) => typeof item === 'string')) {
    return input.length > 1 ? `${input[0]} [+${input.length - 1} more]` : String(input[0]);
  }
  return lastUserMessage(input) || contentText(input, ' ');
}

function oneLine(text: string, maxLength: number): string {
  // Collapse only what can be shown: a long prompt cost more in this regex than in JSON.parse.
  const cut = text.length > maxLength * 2;
  const collapsed = (cut ? text.slice(0, maxLength * 2) : text).replace(/\s+/g, ' ').trim();
  if (collapsed.length > maxLength) return `${collapsed.slice(0, maxLength - 1)}…`;
  return cut ? `${collapsed}…` : collapsed;
}

/**
 * What a request asks, as written: the last user message (chat), the input (`/v1/responses`, embeddings,
 * moderations) or the prompt (completions). `''` when the line is not a request or says nothing readable.
 * Never throws.
 */
export function requestText(requestLine: string): string {
  let request: unknown;
  try {
    request = JSON.parse(requestLine);
  } catch {
    return '';
  }
  const body = isJsonObject(request) && isJsonObject(request.body) ? request.body : {};
  return lastUserMessage(body.messages) || inputText(body.input) || inputText(body.prompt);
}

/**
 * What a request asks (see `requestText`) in one short line, for exports and hovers: whitespace collapsed,
 * cut at `maxLength`.
 */
export function summarizeRequest(requestLine: string, maxLength = DEFAULT_MAX_LENGTH): string {
  return oneLine(requestText(requestLine), maxLength);
}
