import * as l10n from '@vscode/l10n';
import { formatCount } from '../formatting';
import { contextWindowOf } from './modelLimits';
import { countRequestTokens, lowDetailImageTokens, outputBound } from './requestTokens';
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
 * could be over is tokenized.
 */
export function findContextLengthProblem(url: string | undefined, body: Record<string, unknown>, lineText: string): ContextLengthProblem | undefined {
  const model = typeof body.model === 'string' ? body.model : undefined;
  const contextWindow = contextWindowOf(model)?.contextWindow;
  if (contextWindow === undefined) return undefined;
  const bound = outputBound(url, body);
  const ceiling = 3 * lineText.length + FRAMING_ALLOWANCE + (bound ?? 0);
  if (ceiling > contextWindow || (mayCostMoreThanItsBytes(model, lineText.length, ceiling, contextWindow) && lineText.includes('image'))) {
    return countedProblem(url, body, model, contextWindow);
  }
  return undefined;
}

/** The smallest JSON an image part takes (`{"type":"image_url","image_url":{"url":""}}`). */
const MIN_IMAGE_PART_CHARACTERS = 44;

/**
 * Whether low-detail images could push a line past the window although its bytes do not: their fixed cost
 * is below 3 tokens a character except for gpt-4o-mini (2,833 tokens an image), and only then is the line
 * searched for images at all (validation reads every line: no extra pass over the usual ones).
 */
function mayCostMoreThanItsBytes(model: string | undefined, length: number, ceiling: number, contextWindow: number): boolean {
  const perImage = lowDetailImageTokens(model) ?? 0;
  if (perImage <= 3 * MIN_IMAGE_PART_CHARACTERS) return false;
  return ceiling + perImage * Math.floor(length / MIN_IMAGE_PART_CHARACTERS) > contextWindow;
}

function countedProblem(url: string | undefined, body: Record<string, unknown>, model: string | undefined, contextWindow: number): ContextLengthProblem | undefined {
  const tokenizer = tokenizerForModel(model);
  const tokens = countRequestTokens(url, body, tokenizer);
  const total = tokens.input + (tokens.outputBound ?? 0);
  if (total <= contextWindow && tokens.input < contextWindow) return undefined;
  const exact = tokenizer.exact && tokens.exact;
  const outputField = url === '/v1/responses' ? 'max_output_tokens' : url === '/v1/chat/completions' && body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  const inputParam = url === '/v1/chat/completions' ? 'body.messages' : url === '/v1/completions' ? 'body.prompt' : 'body.input';
  const overByOutput = tokens.input < contextWindow;
  const input = formatCount(tokens.input);
  const inputTokens = exact ? l10n.t('{0} input tokens', input) : l10n.t('about {0} input tokens', input);
  const needs = tokens.outputBound ? l10n.t('{0} + {1} from {2}', inputTokens, formatCount(tokens.outputBound), outputField) : inputTokens;
  const fix = overByOutput ? l10n.t('lower {0} or shorten the input', outputField) : l10n.t('shorten the input');
  return {
    severity: tokenizer.exact ? 'error' : 'warning',
    message: l10n.t("This request needs {0}, over {1}'s context window of {2} tokens: {3}", needs, String(model), formatCount(contextWindow), fix),
    param: overByOutput ? `body.${outputField}` : inputParam,
  };
}
