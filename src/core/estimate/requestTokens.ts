import { createHash } from 'node:crypto';
import { isJsonObject } from '../validation/jsonValues';
import type { ModelTokenizer } from './tokenizer';

/** Parts of a request whose tokens the estimate leaves out: the count is then a lower bound. */
export type NotCounted = 'images' | 'audio' | 'files' | 'tool calls' | 'response format schema';

/** The tokens of one request, as far as they can be known before it runs. */
export interface RequestTokens {
  /** Prompt tokens (what `usage.prompt_tokens` will say, when `exact`). */
  input: number;
  /** The most output tokens the request may produce (`max_tokens` × `n`…); `undefined`: no bound set. */
  outputBound: number | undefined;
  /** Counted with the model's own tokenizer and the API's documented formatting, with nothing left out. */
  exact: boolean;
  notCounted: NotCounted[];
  /**
   * What every request of a batch with the same prompt prefix shares (the tools and every message but the
   * last): a digest to group by and its tokens. Unset when the request has no such prefix.
   */
  prefix?: { key: string; tokens: number };
}

/** Chat formatting, per OpenAI's cookbook "How to count tokens with tiktoken" (gpt-3.5-turbo-0613 onwards). */
const TOKENS_PER_MESSAGE = 3;
const TOKENS_PER_NAME = 1;
const REPLY_PRIMING_TOKENS = 3;

/** Tool definitions, per the same cookbook (fitted to the API's counts; o200k models vs older ones). */
const TOOL_TOKENS = {
  o200k_base: { functionStart: 7, functionsEnd: 12 },
  cl100k_base: { functionStart: 10, functionsEnd: 12 },
} as const;
const TOOL_PROPERTIES_START = 3;
const TOOL_PROPERTY = 3;
const TOOL_ENUM_START = -3;
const TOOL_ENUM_ITEM = 3;

/** The legacy completions endpoint writes 16 tokens when `max_tokens` is not set. */
const COMPLETIONS_DEFAULT_MAX_TOKENS = 16;

/** A low-detail image costs a fixed number of tokens (OpenAI's vision guide); other detail levels need the image's size. */
export function lowDetailImageTokens(model: string | undefined): number | undefined {
  if (!model) return undefined;
  if (model.startsWith('gpt-4o-mini')) return 2833;
  if (model.startsWith('gpt-4o') || model.startsWith('gpt-4.1') || model.startsWith('gpt-4.5')) return 85;
  return undefined;
}

class Counter {
  input = 0;
  exact: boolean;
  readonly notCounted = new Set<NotCounted>();

  constructor(
    readonly tokenizer: ModelTokenizer,
    readonly model: string | undefined,
  ) {
    this.exact = tokenizer.exact;
  }

  text(value: string): number {
    const before = this.tokenizer.extrapolated;
    const tokens = this.tokenizer.count(value);
    if (this.tokenizer.extrapolated !== before) this.exact = false;
    return tokens;
  }

  leaveOut(part: NotCounted): void {
    this.notCounted.add(part);
    this.exact = false;
  }

  /** A message's `content`: a string, or a list of parts (text counted, images by the documented rule). */
  content(value: unknown): number {
    if (typeof value === 'string') return this.text(value);
    if (!Array.isArray(value)) return 0;
    // The API's joining of several parts is not documented: close, not exact.
    if (value.length > 1) this.exact = false;
    let tokens = 0;
    for (const part of value) {
      if (!isJsonObject(part)) continue;
      if (typeof part.text === 'string') tokens += this.text(part.text);
      else if (part.type === 'image_url' || part.type === 'input_image') {
        const detail = isJsonObject(part.image_url) ? part.image_url.detail : part.detail;
        const fixed = detail === 'low' ? lowDetailImageTokens(this.model) : undefined;
        if (fixed === undefined) this.leaveOut('images');
        else tokens += fixed;
      } else if (part.type === 'input_audio') this.leaveOut('audio');
      else if (part.type === 'file' || part.type === 'input_file') this.leaveOut('files');
    }
    return tokens;
  }

  /** One chat message: 3 tokens of framing, every string field, one more for a name. */
  message(message: unknown): number {
    if (!isJsonObject(message)) return 0;
    let tokens = TOKENS_PER_MESSAGE;
    for (const [key, value] of Object.entries(message)) {
      if (key === 'content') tokens += this.content(value);
      else if (typeof value === 'string') {
        tokens += this.text(value);
        if (key === 'name') tokens += TOKENS_PER_NAME;
        if (key === 'tool_call_id') this.exact = false;
      } else if (value !== null && value !== undefined) this.leaveOut('tool calls');
    }
    return tokens;
  }

  /** Function tools, by the cookbook's rule; other tool types are left out. */
  tools(tools: unknown): number {
    if (!Array.isArray(tools) || tools.length === 0) return 0;
    // The rule is fitted to observed counts, not a published format.
    this.exact = false;
    const fixed = TOOL_TOKENS[this.tokenizer.encoding];
    let tokens = 0;
    for (const tool of tools) {
      const fn = isJsonObject(tool) && isJsonObject(tool.function) ? tool.function : undefined;
      if (!fn) {
        this.leaveOut('tool calls');
        continue;
      }
      tokens += fixed.functionStart;
      const description = typeof fn.description === 'string' ? fn.description.replace(/\.$/, '') : '';
      tokens += this.text(`${typeof fn.name === 'string' ? fn.name : ''}:${description}`);
      const properties = isJsonObject(fn.parameters) && isJsonObject(fn.parameters.properties) ? fn.parameters.properties : {};
      const names = Object.keys(properties);
      if (names.length > 0) {
        tokens += TOOL_PROPERTIES_START;
        for (const name of names) {
          const property = isJsonObject(properties[name]) ? properties[name] : {};
          tokens += TOOL_PROPERTY;
          if (Array.isArray(property.enum)) {
            tokens += TOOL_ENUM_START;
            for (const item of property.enum) tokens += TOOL_ENUM_ITEM + this.text(String(item));
          }
          const type = typeof property.type === 'string' ? property.type : '';
          const propertyDescription = typeof property.description === 'string' ? property.description.replace(/\.$/, '') : '';
          tokens += this.text(`${name}:${type}:${propertyDescription}`);
        }
      }
    }
    return tokens + fixed.functionsEnd;
  }

  result(outputBound: number | undefined, prefix?: RequestTokens['prefix']): RequestTokens {
    const result: RequestTokens = { input: this.input, outputBound, exact: this.exact, notCounted: [...this.notCounted] };
    if (prefix) result.prefix = prefix;
    return result;
  }
}

function positiveInteger(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

function choices(body: Record<string, unknown>): number {
  return positiveInteger(body.n) || 1;
}

function prefixDigest(parts: unknown[]): string {
  return createHash('sha1').update(JSON.stringify(parts)).digest('base64');
}

/** A list of chat messages (and tools): the prompt the API builds from them. */
function countMessages(counter: Counter, messages: unknown[], tools: unknown): RequestTokens['prefix'] {
  const toolTokens = counter.tools(tools);
  let prefixTokens = toolTokens;
  messages.forEach((message, index) => {
    const tokens = counter.message(message);
    counter.input += tokens;
    if (index < messages.length - 1) prefixTokens += tokens;
  });
  counter.input += toolTokens + REPLY_PRIMING_TOKENS;
  if (messages.length < 2 && toolTokens === 0) return undefined;
  return { key: prefixDigest([tools ?? null, ...messages.slice(0, -1)]), tokens: prefixTokens };
}

function chatCompletion(counter: Counter, body: Record<string, unknown>): RequestTokens {
  const messages = Array.isArray(body.messages) ? body.messages : [];
  const prefix = countMessages(counter, messages, body.tools);
  if (isJsonObject(body.response_format) && body.response_format.type === 'json_schema') counter.leaveOut('response format schema');
  return counter.result(outputBound('/v1/chat/completions', body), prefix);
}

/** The Responses API's formatting is not published: its messages are counted as chat messages, not exactly. */
function response(counter: Counter, body: Record<string, unknown>): RequestTokens {
  counter.exact = false;
  const messages: unknown[] = [];
  if (typeof body.instructions === 'string') messages.push({ role: 'system', content: body.instructions });
  if (typeof body.input === 'string') messages.push({ role: 'user', content: body.input });
  else if (Array.isArray(body.input)) messages.push(...body.input);
  const prefix = countMessages(counter, messages, body.tools);
  return counter.result(outputBound('/v1/responses', body), prefix);
}

/** `prompt`/`input` of completions, embeddings and moderations: strings, or token arrays counted as they are. */
function countInputs(counter: Counter, input: unknown): void {
  if (typeof input === 'string') counter.input += counter.text(input);
  else if (Array.isArray(input)) {
    if (input.length > 0 && typeof input[0] === 'number') counter.input += input.length;
    else for (const item of input) countInputs(counter, item);
  } else if (isJsonObject(input) && typeof input.text === 'string') counter.input += counter.text(input.text);
  else if (isJsonObject(input)) counter.leaveOut('images');
}

/**
 * The most output tokens a request to `url` may produce: `max_completion_tokens` (else `max_tokens`) × `n`
 * for chat, `max_output_tokens` for responses, `max_tokens` (default 16) × `n` for completions, none for
 * embeddings and moderations; `undefined` when a chat or responses request sets no bound.
 */
export function outputBound(url: string | undefined, body: Record<string, unknown>): number | undefined {
  switch (url) {
    case '/v1/chat/completions': {
      const max = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
      return max === undefined ? undefined : max * choices(body);
    }
    case '/v1/responses':
      return positiveInteger(body.max_output_tokens);
    case '/v1/completions':
      return (positiveInteger(body.max_tokens) ?? COMPLETIONS_DEFAULT_MAX_TOKENS) * choices(body);
    default:
      return 0;
  }
}

/**
 * The tokens of one request body sent to `url`: the prompt as the API counts it and the bound on its output.
 * Chat requests with text only are exact for OpenAI models (equal to the `usage.prompt_tokens` the API
 * reports); images at a detail other than `low`, audio, files and tool calls are left out and named.
 */
export function countRequestTokens(url: string | undefined, body: Record<string, unknown>, tokenizer: ModelTokenizer): RequestTokens {
  const model = typeof body.model === 'string' ? body.model : undefined;
  const counter = new Counter(tokenizer, model);
  switch (url) {
    case '/v1/chat/completions':
      return chatCompletion(counter, body);
    case '/v1/responses':
      return response(counter, body);
    case '/v1/completions':
      countInputs(counter, body.prompt);
      return counter.result(outputBound(url, body));
    case '/v1/embeddings':
      countInputs(counter, body.input);
      return counter.result(0);
    case '/v1/moderations':
      countInputs(counter, body.input);
      return counter.result(0);
    default:
      // Images, videos and unknown endpoints: priced per item, not per token.
      counter.exact = false;
      return counter.result(0);
  }
}
