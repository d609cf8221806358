import { formatCount } from '../formatting';
import { contextWindowOf } from './modelLimits';
import { countRequestTokens, outputBound } from './requestTokens';
import { tokenizerForModel } from './tokenizer';

/** A request over its model's context window. */
export interface ContextLengthProblem {
  /** `error` when counted with the model's own tokenizer; `warning` for an approximate count. */
  severity: 'error' | 'warning';
  message: string;
  /** Where the fix goes: the messages (or prompt/input), or the output bound. */
  param: string;
}

/** Room for the framing tokens a line's bytes do not show (per message, reply priming, tools). */
const FRAMING_ALLOWANCE = 64;

/**
 * Whether a request's input plus its output bound exceeds its model's context window (models listed in
 * schemas/model-limits.json). Cheap for nearly every line: a token is at least one UTF-8 byte, so a line
 * whose bytes (at most 3 per UTF-16 unit) plus output bound fit is not counted at all; only a line that
 * could be over is tokenized. Images are counted whenever present (a small part can cost many tokens).
 */
export function findContextLengthProblem(url: string | undefined, body: Record<string, unknown>, lineText: string): ContextLengthProblem | undefined {
  const model = typeof body.model === 'string' ? body.model : undefined;
  const window = contextWindowOf(model);
  if (!window) return undefined;
  const bound = outputBound(url, body);
  const mayHaveImages = lineText.includes('image');
  if (!mayHaveImages && 3 * lineText.length + FRAMING_ALLOWANCE + (bound ?? 0) <= window.contextWindow) return undefined;
  const tokenizer = tokenizerForModel(model);
  const tokens = countRequestTokens(url, body, tokenizer);
  const total = tokens.input + (tokens.outputBound ?? 0);
  if (total <= window.contextWindow && tokens.input < window.contextWindow) return undefined;
  const about = tokenizer.exact && tokens.exact ? '' : 'about ';
  const outputField = url === '/v1/responses' ? 'max_output_tokens' : url === '/v1/chat/completions' && body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  const inputParam = url === '/v1/chat/completions' ? 'body.messages' : url === '/v1/completions' ? 'body.prompt' : 'body.input';
  const overByOutput = tokens.input < window.contextWindow;
  const needs = tokens.outputBound ? `${about}${formatCount(tokens.input)} input tokens + ${formatCount(tokens.outputBound)} from ${outputField}` : `${about}${formatCount(tokens.input)} input tokens`;
  return {
    severity: tokenizer.exact ? 'error' : 'warning',
    message: `This request needs ${needs}, over ${model}'s context window of ${formatCount(window.contextWindow)} tokens: ${overByOutput ? `lower ${outputField} or shorten the input` : 'shorten the input'}`,
    param: overByOutput ? `body.${outputField}` : inputParam,
  };
}
