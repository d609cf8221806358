/**
 * Dialects of the batch language: the request formats of OpenAI (and compatible APIs), Anthropic's
 * Message Batches and Gemini's Batch Mode. A file's dialect is its first request's (or set for the file).
 */
import { anthropicDialect } from './anthropic';
import type { BatchDialect, DialectName } from './dialect';
import { geminiDialect } from './gemini';
import { openaiDialect } from './openai';

export { DIALECT_NAMES, isDialectName, type BatchDialect, type DialectName, type RequestFacts } from './dialect';
export { anthropicDialect, ANTHROPIC_LIMITS } from './anthropic';
export { geminiDialect, GEMINI_LIMITS, GEMINI_ENDPOINT } from './gemini';
export { openaiDialect } from './openai';

const DIALECTS: Readonly<Record<DialectName, BatchDialect>> = { openai: openaiDialect, anthropic: anthropicDialect, gemini: geminiDialect };

export function dialectNamed(name: DialectName): BatchDialect {
  return DIALECTS[name];
}

/**
 * The dialect a request line is written in, from its top-level members; `undefined` when none says (a line
 * with only a `custom_id`, say): such a line is read in the file's dialect.
 */
export function detectRequestDialect(request: Record<string, unknown>): BatchDialect | undefined {
  if (anthropicDialect.matches(request)) return anthropicDialect;
  if (geminiDialect.matches(request)) return geminiDialect;
  if (openaiDialect.matches(request)) return openaiDialect;
  return undefined;
}
export { readFileDialect } from './fileDialect';
