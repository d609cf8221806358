import * as l10n from '@vscode/l10n';
import { isAnthropicResultLine, readAnthropicResultLine } from '../dialects/anthropic/resultReader';
import { isGeminiResultLine, readGeminiResultLine } from '../dialects/gemini/resultReader';
import { isJsonObject } from '../validation/jsonValues';
import { answerText } from './answerText';
import { readUsage, type TokenUsage } from './tokenUsage';

/** What a result line says about its request, in the shape both a parsed line and a joined result share. */
export interface ResultDetails {
  /** `response.status_code`, when there is a response. */
  statusCode?: number;
  /** Failures only: `error.code` (an integer code as its digits), else `body.error.code`, else its `type`. */
  errorCode?: string;
  errorMessage?: string;
  /** The answer (see `answerText`), or `code: message` for a failure. May hold newlines. */
  text: string;
  usage: TokenUsage;
  /** `response.body.model`, e.g. `gpt-4o-2024-08-06`: what the cost is computed from. */
  model?: string;
  /** `sent_at` (Unix seconds) that the client-side runner adds: prices time-of-day rates. */
  sentAt?: number;
}

/**
 * One line of a provider's output or error file, read leniently: `{id, custom_id, response:
 * {status_code, request_id, body} | null, error: {code, message} | null}` plus whatever extras a provider
 * adds (Groq's `x_groq`, `usage.queue_time`), an integer `error.code`, or a missing field.
 */
export interface ParsedResultLine extends ResultDetails {
  customId: string;
  /** A failure is a top-level `error` or a `response.status_code` ≥ 400, whatever the other field says. */
  outcome: 'succeeded' | 'failed';
}

type Json = Record<string, unknown>;

/** `custom_id` must be a string; a number is accepted as its digits (some tools write them). */
export function readCustomId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

function codeText(value: unknown): string | undefined {
  if (typeof value === 'string' && value) return value;
  return typeof value === 'number' ? String(value) : undefined;
}

interface ErrorParts {
  code: string;
  message: string;
}

/** `{code, message}` from an error object (top-level `error` or `body.error`), or a bare string. */
function errorParts(error: unknown, fallbackCode: string): ErrorParts {
  if (typeof error === 'string') return { code: fallbackCode, message: error };
  if (!isJsonObject(error)) return { code: fallbackCode, message: '' };
  const code = codeText(error.code) ?? codeText(error.type) ?? fallbackCode;
  return { code, message: typeof error.message === 'string' ? error.message : '' };
}

function failureParts(error: unknown, response: Json | undefined, statusCode: number | undefined): ErrorParts {
  if (error !== null && error !== undefined) return errorParts(error, 'error');
  if (statusCode !== undefined) {
    const body = response?.body;
    const fallback = `http_${statusCode}`;
    return isJsonObject(body) && body.error !== undefined ? errorParts(body.error, fallback) : errorParts(body, fallback);
  }
  return { code: 'no_response', message: l10n.t('The result line has neither a response nor an error.') };
}

/**
 * Reads one result line, in OpenAI's output format, Anthropic's results format or Gemini's responses format
 * (keyed by `key`); `undefined` when it is not a JSON object with a `custom_id` (or Gemini's `key`). Never throws.
 */
export function parseResultLine(text: string): ParsedResultLine | undefined {
  let line: unknown;
  try {
    line = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isJsonObject(line)) return undefined;
  if (isGeminiResultLine(line)) return readGeminiResultLine(line.key as string, line);
  const customId = readCustomId(line.custom_id);
  if (customId === undefined) return undefined;
  if (isAnthropicResultLine(line)) return readAnthropicResultLine(customId, line.result as Json);
  const response = isJsonObject(line.response) ? line.response : undefined;
  const statusCode = typeof response?.status_code === 'number' ? response.status_code : undefined;
  const body = response?.body;
  const model = isJsonObject(body) && typeof body.model === 'string' ? body.model : undefined;
  const failed = (line.error !== null && line.error !== undefined) || response === undefined || (statusCode ?? 200) >= 400;
  const parsed: ParsedResultLine = { customId, outcome: failed ? 'failed' : 'succeeded', text: '', usage: readUsage(body) };
  if (statusCode !== undefined) parsed.statusCode = statusCode;
  if (model !== undefined) parsed.model = model;
  if (typeof line.sent_at === 'number' && Number.isFinite(line.sent_at)) parsed.sentAt = line.sent_at;
  if (failed) {
    const { code, message } = failureParts(line.error, response, statusCode !== undefined && statusCode >= 400 ? statusCode : undefined);
    parsed.errorCode = code;
    parsed.errorMessage = message;
    parsed.text = message ? `${code}: ${message}` : code;
  } else {
    parsed.text = answerText(body);
  }
  return parsed;
}
