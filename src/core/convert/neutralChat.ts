import * as l10n from '@vscode/l10n';
/**
 * A chat request in no provider's format: what the three batch dialects share (a system prompt, user and
 * assistant turns of text and images, the output bound and the common sampling settings). Converting a line
 * reads it into this and writes it out in the target's format; whatever has no place here is reported.
 */
export type ChatPart = { kind: 'text'; text: string } | { kind: 'image'; url?: string; mediaType?: string; data?: string };

export interface ChatTurn {
  role: 'user' | 'assistant';
  parts: ChatPart[];
}

export interface NeutralChat {
  /** `custom_id` (OpenAI, Anthropic) or `key` (Gemini). */
  id: unknown;
  model?: string;
  system?: string;
  turns: ChatTurn[];
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
}

/** Something of the source request the target cannot hold, by where it was (e.g. `body.logprobs`). */
export interface ConversionNote {
  param: string;
  message: string;
}

/** A request read into the neutral form, with what reading it left behind. */
export interface ReadChat {
  chat: NeutralChat;
  notes: ConversionNote[];
}

/** A line that is not a chat request (embeddings, a result line, not an object): it cannot be converted. */
export class NotConvertibleError extends Error {
  override readonly name = 'NotConvertibleError';
}

/** `data:image/png;base64,AAAA` as its media type and data; undefined for any other URL. */
export function parseDataUrl(url: string): { mediaType: string; data: string } | undefined {
  const found = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return found ? { mediaType: found[1], data: found[2] } : undefined;
}

/** The text of a turn's parts when it holds only text, else undefined. */
export function textOnly(parts: readonly ChatPart[]): string | undefined {
  return parts.every((part) => part.kind === 'text') ? parts.map((part) => (part as { text: string }).text).join('\n') : undefined;
}

export function numberOr(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function stopList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? (value as string[]) : undefined;
}

/** The notes for every member of `object` not in `carried`, each named `${prefix}${key}`. */
export function leftOut(object: Record<string, unknown>, carried: ReadonlySet<string>, prefix: string, why: string): ConversionNote[] {
  return Object.keys(object)
    .filter((key) => !carried.has(key) && object[key] !== undefined && object[key] !== null)
    .map((key) => ({ param: `${prefix}${key}`, message: l10n.t('{0} is not carried over: {1}', `${prefix}${key}`, why) }));
}
