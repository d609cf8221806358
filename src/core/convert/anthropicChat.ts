import * as l10n from '@vscode/l10n';
import { isJsonObject } from '../validation/jsonValues';
import { leftOut, NotConvertibleError, numberOr, stopList, textOnly, type ChatPart, type ChatTurn, type ConversionNote, type NeutralChat, type ReadChat } from './neutralChat';

type Json = Record<string, unknown>;

const CARRIED_PARAMS = new Set(['model', 'messages', 'max_tokens', 'system', 'temperature', 'top_p', 'stop_sequences', 'stream']);

/** Anthropic requires `max_tokens`; a request that sets none gets this, and a note says so. */
export const DEFAULT_ANTHROPIC_MAX_TOKENS = 1024;

/** Anthropic's temperature range is 0 to 1 (OpenAI's and Gemini's go to 2). */
const MAX_ANTHROPIC_TEMPERATURE = 1;

function readBlocks(content: unknown, where: string, notes: ConversionNote[]): ChatPart[] {
  if (typeof content === 'string') return [{ kind: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const parts: ChatPart[] = [];
  content.forEach((block, index) => {
    if (!isJsonObject(block)) return;
    const source = isJsonObject(block.source) ? block.source : undefined;
    if (block.type === 'text' && typeof block.text === 'string') parts.push({ kind: 'text', text: block.text });
    else if (block.type === 'image' && source?.type === 'base64' && typeof source.data === 'string') parts.push({ kind: 'image', mediaType: String(source.media_type ?? 'image/png'), data: source.data });
    else if (block.type === 'image' && source?.type === 'url' && typeof source.url === 'string') parts.push({ kind: 'image', url: source.url });
    else notes.push({ param: `${where}[${index}]`, message: l10n.t('{0} (a {1} block) is not carried over: only text and images convert', `${where}[${index}]`, String(block.type)) });
  });
  return parts;
}

/** An Anthropic Message Batches line in the neutral form. */
export function readAnthropicChat(line: Json): ReadChat {
  const { params } = line;
  if (!isJsonObject(params) || !Array.isArray(params.messages)) throw new NotConvertibleError(l10n.t('it has no {0}', 'params.messages'));
  const notes = leftOut(params, CARRIED_PARAMS, 'params.', l10n.t('the target API has no such parameter'));
  const turns: ChatTurn[] = [];
  params.messages.forEach((message, index) => {
    if (isJsonObject(message) && (message.role === 'user' || message.role === 'assistant')) turns.push({ role: message.role, parts: readBlocks(message.content, `params.messages[${index}].content`, notes) });
  });
  const chat: NeutralChat = { id: line.custom_id, turns };
  if (typeof params.model === 'string') chat.model = params.model;
  const system = textOnly(readBlocks(params.system, 'params.system', notes));
  if (system !== undefined && params.system !== undefined) chat.system = system;
  const maxTokens = numberOr(params.max_tokens);
  if (maxTokens !== undefined) chat.maxTokens = maxTokens;
  const temperature = numberOr(params.temperature);
  if (temperature !== undefined) chat.temperature = temperature;
  const topP = numberOr(params.top_p);
  if (topP !== undefined) chat.topP = topP;
  const stop = stopList(params.stop_sequences);
  if (stop) chat.stop = stop;
  return { chat, notes };
}

function writeBlocks(parts: readonly ChatPart[]): unknown {
  const text = textOnly(parts);
  if (text !== undefined) return text;
  return parts.map((part) =>
    part.kind === 'text'
      ? { type: 'text', text: part.text }
      : { type: 'image', source: part.url !== undefined ? { type: 'url', url: part.url } : { type: 'base64', media_type: part.mediaType ?? 'image/png', data: part.data ?? '' } },
  );
}

/** The neutral request as an Anthropic Message Batches line: the system prompt apart, `max_tokens` always set. */
export function writeAnthropicChat(chat: NeutralChat): { line: Json; notes: ConversionNote[] } {
  const notes: ConversionNote[] = [];
  const params: Json = {};
  if (chat.model !== undefined) params.model = chat.model;
  else notes.push({ param: 'params.model', message: l10n.t("{0} is missing: the source names no model (a Gemini batch takes its profile's); set a Claude model", 'params.model') });
  if (chat.maxTokens !== undefined) params.max_tokens = chat.maxTokens;
  else {
    params.max_tokens = DEFAULT_ANTHROPIC_MAX_TOKENS;
    notes.push({ param: 'params.max_tokens', message: l10n.t('params.max_tokens is set to {0}: Anthropic requires it and the source sets no output bound', DEFAULT_ANTHROPIC_MAX_TOKENS) });
  }
  if (chat.system !== undefined) params.system = chat.system;
  params.messages = chat.turns.map((turn) => ({ role: turn.role, content: writeBlocks(turn.parts) }));
  if (chat.temperature !== undefined) {
    params.temperature = Math.min(chat.temperature, MAX_ANTHROPIC_TEMPERATURE);
    if (chat.temperature > MAX_ANTHROPIC_TEMPERATURE) notes.push({ param: 'params.temperature', message: l10n.t('params.temperature {0} is lowered to {1}: Anthropic takes 0 to 1', chat.temperature, MAX_ANTHROPIC_TEMPERATURE) });
  }
  if (chat.topP !== undefined) params.top_p = chat.topP;
  if (chat.stop) params.stop_sequences = chat.stop;
  return { line: { custom_id: chat.id, params }, notes };
}
