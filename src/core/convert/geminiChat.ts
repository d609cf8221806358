import * as l10n from '@vscode/l10n';
import { isJsonObject } from '../validation/jsonValues';
import { leftOut, NotConvertibleError, numberOr, stopList, textOnly, type ChatPart, type ChatTurn, type ConversionNote, type NeutralChat, type ReadChat } from './neutralChat';

type Json = Record<string, unknown>;

const CARRIED_REQUEST = new Set(['contents', 'systemInstruction', 'system_instruction', 'generationConfig', 'generation_config']);
const CARRIED_CONFIG = new Set(['temperature', 'topP', 'top_p', 'maxOutputTokens', 'max_output_tokens', 'stopSequences', 'stop_sequences']);

function readParts(parts: unknown, where: string, notes: ConversionNote[]): ChatPart[] {
  if (!Array.isArray(parts)) return [];
  const read: ChatPart[] = [];
  parts.forEach((part, index) => {
    if (!isJsonObject(part)) return;
    const inline = isJsonObject(part.inlineData) ? part.inlineData : isJsonObject(part.inline_data) ? part.inline_data : undefined;
    const mediaType = inline ? String(inline.mimeType ?? inline.mime_type ?? '') : '';
    if (typeof part.text === 'string') read.push({ kind: 'text', text: part.text });
    else if (inline && mediaType.startsWith('image/') && typeof inline.data === 'string') read.push({ kind: 'image', mediaType, data: inline.data });
    else notes.push({ param: `${where}[${index}]`, message: l10n.t('{0} ({1}) is not carried over: only text and inline images convert', `${where}[${index}]`, Object.keys(part).join(', ') || l10n.t('an empty part')) });
  });
  return read;
}

/** A Gemini Batch Mode line in the neutral form (it names no model: the batch's is the profile's). */
export function readGeminiChat(line: Json): ReadChat {
  const { request } = line;
  if (!isJsonObject(request) || !Array.isArray(request.contents)) throw new NotConvertibleError(l10n.t('it has no {0}', 'request.contents'));
  const notes = leftOut(request, CARRIED_REQUEST, 'request.', l10n.t('the target API has no such parameter'));
  const turns: ChatTurn[] = [];
  request.contents.forEach((content, index) => {
    if (!isJsonObject(content)) return;
    turns.push({ role: content.role === 'model' ? 'assistant' : 'user', parts: readParts(content.parts, `request.contents[${index}].parts`, notes) });
  });
  const chat: NeutralChat = { id: line.key, turns };
  const instruction = request.systemInstruction ?? request.system_instruction;
  if (isJsonObject(instruction)) {
    const system = textOnly(readParts(instruction.parts, 'request.systemInstruction.parts', notes));
    if (system !== undefined) chat.system = system;
  }
  const configKey = isJsonObject(request.generationConfig) ? 'generationConfig' : 'generation_config';
  const config = request[configKey];
  if (isJsonObject(config)) {
    notes.push(...leftOut(config, CARRIED_CONFIG, `request.${configKey}.`, l10n.t('the target API has no such setting')));
    const maxTokens = numberOr(config.maxOutputTokens ?? config.max_output_tokens);
    if (maxTokens !== undefined) chat.maxTokens = maxTokens;
    const temperature = numberOr(config.temperature);
    if (temperature !== undefined) chat.temperature = temperature;
    const topP = numberOr(config.topP ?? config.top_p);
    if (topP !== undefined) chat.topP = topP;
    const stop = stopList(config.stopSequences ?? config.stop_sequences);
    if (stop) chat.stop = stop;
  }
  return { chat, notes };
}

/** The neutral request as a Gemini Batch Mode line; its model goes in the profile, not the line. */
export function writeGeminiChat(chat: NeutralChat): { line: Json; notes: ConversionNote[] } {
  const notes: ConversionNote[] = [];
  if (chat.model !== undefined) notes.push({ param: 'request', message: l10n.t('The model "{0}" is not carried over: a Gemini batch runs on its profile\'s model', chat.model) });
  const contents = chat.turns.map((turn, index) => ({
    role: turn.role === 'assistant' ? 'model' : 'user',
    parts: turn.parts.flatMap((part, partIndex): Json[] => {
      if (part.kind === 'text') return [{ text: part.text }];
      if (part.data !== undefined) return [{ inlineData: { mimeType: part.mediaType ?? 'image/png', data: part.data } }];
      notes.push({ param: `request.contents[${index}].parts`, message: l10n.t('An image by URL (turn {0}, part {1}) is not carried over: Gemini takes images inline or through the File API', index + 1, partIndex + 1) });
      return [];
    }),
  }));
  const request: Json = {};
  if (chat.system !== undefined) request.systemInstruction = { parts: [{ text: chat.system }] };
  request.contents = contents;
  const config: Json = {};
  if (chat.temperature !== undefined) config.temperature = chat.temperature;
  if (chat.topP !== undefined) config.topP = chat.topP;
  if (chat.maxTokens !== undefined) config.maxOutputTokens = chat.maxTokens;
  if (chat.stop) config.stopSequences = chat.stop;
  if (Object.keys(config).length) request.generationConfig = config;
  return { line: { key: chat.id, request }, notes };
}
