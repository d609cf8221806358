import * as l10n from '@vscode/l10n';
import { isJsonObject } from '../validation/jsonValues';
import { leftOut, NotConvertibleError, numberOr, parseDataUrl, stopList, textOnly, type ChatPart, type ChatTurn, type ConversionNote, type NeutralChat, type ReadChat } from './neutralChat';

type Json = Record<string, unknown>;

const CHAT_URLS = new Set(['/v1/chat/completions', '/chat/completions']);
const RESPONSES_URLS = new Set(['/v1/responses', '/responses']);
const CARRIED_BODY = new Set(['model', 'messages', 'max_tokens', 'max_completion_tokens', 'temperature', 'top_p', 'stop', 'stream']);
const CARRIED_RESPONSES_BODY = new Set(['model', 'input', 'instructions', 'max_output_tokens', 'temperature', 'top_p', 'stream']);

function readParts(content: unknown, where: string, notes: ConversionNote[]): ChatPart[] {
  if (typeof content === 'string') return [{ kind: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const parts: ChatPart[] = [];
  content.forEach((part, index) => {
    if (!isJsonObject(part)) return;
    // Chat parts (`text`, `image_url`) and the Responses API's (`input_text`, `output_text`, `input_image`).
    const imageUrl = isJsonObject(part.image_url) ? part.image_url.url : part.type === 'input_image' ? part.image_url : undefined;
    if ((part.type === 'text' || part.type === 'input_text' || part.type === 'output_text') && typeof part.text === 'string') parts.push({ kind: 'text', text: part.text });
    else if (typeof imageUrl === 'string') {
      const inline = parseDataUrl(imageUrl);
      parts.push(inline ? { kind: 'image', ...inline } : { kind: 'image', url: imageUrl });
    } else notes.push({ param: `${where}[${index}]`, message: l10n.t('{0} (a {1} part) is not carried over: only text and images convert', `${where}[${index}]`, String(part.type)) });
  });
  return parts;
}

/** A Responses API body's messages as chat messages: `instructions` first, a string `input` as one user message. */
function responsesMessages(body: Json): { messages: unknown[]; where: string } {
  const messages: unknown[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) messages.push(...body.input);
  return { messages, where: 'body.input' };
}

/** An OpenAI chat completions or Responses API line in the neutral form. */
export function readOpenAIChat(line: Json): ReadChat {
  const { url, body } = line;
  const responses = typeof url === 'string' && RESPONSES_URLS.has(url);
  if (typeof url !== 'string' || !(CHAT_URLS.has(url) || responses)) throw new NotConvertibleError(typeof url === 'string' ? l10n.t('it goes to {0}: only chat completions and responses requests convert', url) : l10n.t('it has no url: only chat completions and responses requests convert'));
  if (!isJsonObject(body) || (!responses && !Array.isArray(body.messages)) || (responses && body.input === undefined)) throw new NotConvertibleError(l10n.t('it has no {0}', responses ? 'body.input' : 'body.messages'));
  const notes: ConversionNote[] = leftOut(body, responses ? CARRIED_RESPONSES_BODY : CARRIED_BODY, 'body.', l10n.t('the target API has no such parameter'));
  const { messages, where: listName } = responses ? responsesMessages(body) : { messages: body.messages as unknown[], where: 'body.messages' };
  const system: string[] = [];
  const turns: ChatTurn[] = [];
  messages.forEach((message, index) => {
    const where = `${listName}[${index}]`;
    if (!isJsonObject(message)) return;
    if (message.role === 'system' || message.role === 'developer') {
      const text = textOnly(readParts(message.content, `${where}.content`, notes));
      if (text !== undefined) system.push(text);
      if (turns.length > 0) notes.push({ param: where, message: l10n.t('{0} (a {1} message after the conversation started) is moved into the system prompt', where, message.role) });
    } else if ((message.role === 'user' || message.role === 'assistant') && message.content !== null && message.content !== undefined) {
      turns.push({ role: message.role, parts: readParts(message.content, `${where}.content`, notes) });
      if (message.tool_calls !== undefined) notes.push({ param: `${where}.tool_calls`, message: l10n.t('{0} is not carried over: tool calls do not convert', `${where}.tool_calls`) });
    } else if (message.role === 'assistant') {
      notes.push({ param: where, message: l10n.t('{0} (an assistant message with only tool calls) is not carried over: tool calls do not convert', where) });
    } else {
      notes.push({ param: where, message: l10n.t('{0} (a {1} message) is not carried over: tool results do not convert', where, String(message.role)) });
    }
  });
  const chat: NeutralChat = { id: line.custom_id, turns };
  if (typeof body.model === 'string') chat.model = body.model;
  if (system.length) chat.system = system.join('\n\n');
  const maxTokens = numberOr(body.max_completion_tokens) ?? numberOr(body.max_tokens) ?? numberOr(body.max_output_tokens);
  if (maxTokens !== undefined) chat.maxTokens = maxTokens;
  const temperature = numberOr(body.temperature);
  if (temperature !== undefined) chat.temperature = temperature;
  const topP = numberOr(body.top_p);
  if (topP !== undefined) chat.topP = topP;
  const stop = stopList(body.stop);
  if (stop) chat.stop = stop;
  return { chat, notes };
}

function writeContent(parts: readonly ChatPart[]): unknown {
  const text = textOnly(parts);
  if (text !== undefined) return text;
  return parts.map((part) =>
    part.kind === 'text' ? { type: 'text', text: part.text } : { type: 'image_url', image_url: { url: part.url ?? `data:${part.mediaType ?? 'image/png'};base64,${part.data ?? ''}` } },
  );
}

/** The neutral request as an OpenAI chat completions batch line. */
export function writeOpenAIChat(chat: NeutralChat): { line: Json; notes: ConversionNote[] } {
  const notes: ConversionNote[] = [];
  const messages: Json[] = [];
  if (chat.system !== undefined) messages.push({ role: 'system', content: chat.system });
  for (const turn of chat.turns) messages.push({ role: turn.role, content: writeContent(turn.parts) });
  const body: Json = {};
  if (chat.model !== undefined) body.model = chat.model;
  else notes.push({ param: 'body.model', message: l10n.t("{0} is missing: the source names no model (a Gemini batch takes its profile's); set one", 'body.model') });
  body.messages = messages;
  if (chat.maxTokens !== undefined) body.max_completion_tokens = chat.maxTokens;
  if (chat.temperature !== undefined) body.temperature = chat.temperature;
  if (chat.topP !== undefined) body.top_p = chat.topP;
  if (chat.stop) body.stop = chat.stop;
  return { line: { custom_id: chat.id, method: 'POST', url: '/v1/chat/completions', body }, notes };
}
