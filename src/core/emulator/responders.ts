import { randomBytes } from 'node:crypto';
import { ApiError, invalidRequest, missingParameter } from './apiError';
import { hash32, seededRandom } from './faults';
import { unixSeconds } from './ids';
import { approximateTokens, textLength } from './usage';

/**
 * Deterministic synthetic answers, shaped like the real endpoints' responses: the same request gives the same
 * text, vector or scores. Every answer is marked as emulated (`system_fingerprint: "emulator"` where the real
 * shape has that field; the `x-emulator` header on HTTP answers). Usage follows src/core/emulator/usage.ts.
 */
export const SYNTHETIC_ENDPOINTS = ['/v1/chat/completions', '/v1/responses', '/v1/embeddings', '/v1/completions', '/v1/moderations'] as const;

export const EMULATOR_FINGERPRINT = 'emulator';

type Body = Record<string, unknown>;

export function respondSynthetically(endpoint: string, body: Body): Body {
  if (body.stream === true) {
    throw invalidRequest('Streaming is not supported by the batch emulator; send the request without "stream".', 'stream', 'unsupported_parameter');
  }
  switch (endpoint) {
    case '/v1/chat/completions':
      return chatCompletion(body);
    case '/v1/responses':
      return response(body);
    case '/v1/embeddings':
      return embeddings(body);
    case '/v1/completions':
      return completion(body);
    case '/v1/moderations':
      return moderation(body);
    case '/v1/messages':
      return anthropicMessage(body);
    case GEMINI_RESPONDER_ENDPOINT:
      return geminiGenerateContent(body);
    default:
      throw new ApiError(400, `The emulator has no synthetic responder for ${endpoint}; start it with --upstream to forward these requests.`, 'invalid_request_error', 'url', 'unsupported_endpoint');
  }
}

function requireModel(body: Body): string {
  if (typeof body.model !== 'string' || body.model.length === 0) throw missingParameter('model');
  return body.model;
}

function randomSuffix(): string {
  return randomBytes(12).toString('hex');
}

/** The most output tokens an emulated model gives (gpt-4o's limit): above it a request fails as the real one does. */
export const MAX_OUTPUT_TOKENS = 16_384;

/**
 * The generated text: a fixed sentence quoting the start of the prompt, cut to the request's token limit.
 * `limitParam` names the limit's field for the 400 a too-large limit gets.
 */
function reply(prompt: string, maxTokens: unknown, limitParam: string): { text: string; tokens: number; truncated: boolean } {
  if (typeof maxTokens === 'number' && maxTokens > MAX_OUTPUT_TOKENS) {
    throw invalidRequest(`${limitParam} is too large: ${maxTokens}. This model supports at most ${MAX_OUTPUT_TOKENS} completion tokens.`, limitParam, 'invalid_value');
  }
  const quoted = prompt.replace(/\s+/g, ' ').trim().slice(0, 80);
  // The quoted prompt comes first so results read apart at a glance, side by side with their requests.
  const full = `Emulated reply to "${quoted}" (no model was called)`;
  const limit = typeof maxTokens === 'number' && maxTokens > 0 ? maxTokens : Infinity;
  const text = approximateTokens(full.length) > limit ? full.slice(0, limit * 4) : full;
  return { text, tokens: approximateTokens(text.length), truncated: text !== full };
}

/** The text of the last message (string content or text parts): what the reply quotes. */
function lastMessageText(messages: unknown[]): string {
  const content = (messages[messages.length - 1] as { content?: unknown } | undefined)?.content;
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part?.text === 'string' ? part.text : '')).join(' ');
  return '';
}

function chatCompletion(body: Body): Body {
  const model = requireModel(body);
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw missingParameter('messages');
  const choiceCount = typeof body.n === 'number' && body.n > 1 ? Math.min(Math.floor(body.n), 8) : 1;
  const limitParam = body.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens';
  const answer = reply(lastMessageText(body.messages), body[limitParam], limitParam);
  const promptTokens = approximateTokens(textLength(body.messages));
  const completionTokens = answer.tokens * choiceCount;
  return {
    id: `chatcmpl-${randomSuffix()}`,
    object: 'chat.completion',
    created: unixSeconds(),
    model,
    choices: Array.from({ length: choiceCount }, (_unused, index) => ({
      index,
      message: { role: 'assistant', content: answer.text, refusal: null, annotations: [] },
      logprobs: null,
      finish_reason: answer.truncated ? 'length' : 'stop',
    })),
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
    },
    service_tier: 'default',
    system_fingerprint: EMULATOR_FINGERPRINT,
  };
}

/** Anthropic's Messages API answer (the `message` of a succeeded batch result). */
function anthropicMessage(body: Body): Body {
  const model = requireModel(body);
  if (body.max_tokens === undefined) throw missingParameter('max_tokens');
  if (!Array.isArray(body.messages) || body.messages.length === 0) throw missingParameter('messages');
  const answer = reply(lastMessageText(body.messages), body.max_tokens, 'max_tokens');
  const inputTokens = approximateTokens(textLength(body.messages) + textLength(body.system));
  return {
    id: `msg_${randomSuffix()}`,
    type: 'message',
    role: 'assistant',
    model,
    content: [{ type: 'text', text: answer.text }],
    stop_reason: answer.truncated ? 'max_tokens' : 'end_turn',
    stop_sequence: null,
    usage: { input_tokens: inputTokens, output_tokens: answer.tokens, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 },
  };
}

/** Where the runner sends a Gemini batch's requests (with the batch's model added to each). */
export const GEMINI_RESPONDER_ENDPOINT = '/v1beta/generateContent';

/** The text of a Gemini content's parts. */
function partsText(content: unknown): string {
  const parts = (content as { parts?: unknown } | undefined)?.parts;
  return Array.isArray(parts) ? parts.map((part) => (typeof part?.text === 'string' ? part.text : '')).join(' ') : '';
}

/** The Gemini API's GenerateContentResponse (the `response` of a batch's result line). */
function geminiGenerateContent(body: Body): Body {
  const model = requireModel(body);
  if (!Array.isArray(body.contents) || body.contents.length === 0) throw missingParameter('contents');
  const config = (body.generationConfig ?? body.generation_config ?? {}) as Body;
  const answer = reply(partsText(body.contents[body.contents.length - 1]), config.maxOutputTokens ?? config.max_output_tokens, 'generationConfig.maxOutputTokens');
  const promptTokens = approximateTokens(body.contents.reduce((sum: number, content) => sum + partsText(content).length, 0) + partsText(body.systemInstruction ?? body.system_instruction).length);
  return {
    candidates: [{ content: { parts: [{ text: answer.text }], role: 'model' }, finishReason: answer.truncated ? 'MAX_TOKENS' : 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: promptTokens, candidatesTokenCount: answer.tokens, totalTokenCount: promptTokens + answer.tokens },
    modelVersion: model,
    responseId: randomSuffix(),
  };
}

function response(body: Body): Body {
  const model = requireModel(body);
  const input = typeof body.input === 'string' ? body.input : Array.isArray(body.input) ? lastMessageText(body.input) : '';
  const answer = reply(input, body.max_output_tokens, 'max_output_tokens');
  const inputTokens = approximateTokens(textLength(body.input) + textLength(body.instructions));
  const createdAt = unixSeconds();
  return {
    id: `resp_${randomSuffix()}`,
    object: 'response',
    created_at: createdAt,
    completed_at: createdAt,
    status: answer.truncated ? 'incomplete' : 'completed',
    incomplete_details: answer.truncated ? { reason: 'max_output_tokens' } : null,
    error: null,
    model,
    instructions: typeof body.instructions === 'string' ? body.instructions : null,
    output: [
      {
        type: 'message',
        id: `msg_${randomSuffix()}`,
        status: 'completed',
        role: 'assistant',
        content: [{ type: 'output_text', text: answer.text, annotations: [], logprobs: [] }],
      },
    ],
    parallel_tool_calls: true,
    tool_choice: 'auto',
    tools: [],
    temperature: typeof body.temperature === 'number' ? body.temperature : 1,
    top_p: typeof body.top_p === 'number' ? body.top_p : 1,
    max_output_tokens: typeof body.max_output_tokens === 'number' ? body.max_output_tokens : null,
    metadata: body.metadata ?? {},
    usage: {
      input_tokens: inputTokens,
      input_tokens_details: { cached_tokens: 0 },
      output_tokens: answer.tokens,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: inputTokens + answer.tokens,
    },
  };
}

function completion(body: Body): Body {
  const model = requireModel(body);
  if (body.prompt === undefined) throw missingParameter('prompt');
  const prompts = Array.isArray(body.prompt) && body.prompt.every((item) => typeof item === 'string') ? (body.prompt as string[]) : [String(body.prompt)];
  const answers = prompts.map((prompt) => reply(prompt, body.max_tokens ?? 16, 'max_tokens'));
  const promptTokens = approximateTokens(textLength(body.prompt));
  const completionTokens = answers.reduce((sum, answer) => sum + answer.tokens, 0);
  return {
    id: `cmpl-${randomSuffix()}`,
    object: 'text_completion',
    created: unixSeconds(),
    model,
    choices: answers.map((answer, index) => ({ text: answer.text, index, logprobs: null, finish_reason: answer.truncated ? 'length' : 'stop' })),
    usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
    system_fingerprint: EMULATOR_FINGERPRINT,
  };
}

/** The real models' default sizes: `-large` models 3072, the others (small, ada-002) 1536. */
export function embeddingDimensions(model: string, requested: unknown): number {
  if (typeof requested === 'number' && Number.isInteger(requested) && requested > 0) return requested;
  return model.includes('-large') ? 3072 : 1536;
}

/** A unit vector derived from a hash of the input: the same input always embeds to the same vector. */
export function unitVector(input: string, dimensions: number): number[] {
  const random = seededRandom(hash32(input));
  const vector = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}

function embeddingInputs(input: unknown): string[] {
  if (typeof input === 'string') return [input];
  if (Array.isArray(input) && input.length > 0) {
    // Token arrays (number[] or number[][]) embed by their JSON text.
    if (input.every((item) => typeof item === 'number')) return [JSON.stringify(input)];
    return input.map((item) => (typeof item === 'string' ? item : JSON.stringify(item)));
  }
  throw input === undefined ? missingParameter('input') : invalidRequest("'input' must be a string or a non-empty array.", 'input', 'invalid_type');
}

function embeddings(body: Body): Body {
  const model = requireModel(body);
  const inputs = embeddingInputs(body.input);
  const dimensions = embeddingDimensions(model, body.dimensions);
  const base64 = body.encoding_format === 'base64';
  const promptTokens = inputs.reduce((sum, input) => sum + approximateTokens(input.length), 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = unitVector(input, dimensions);
      return { object: 'embedding', index, embedding: base64 ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector };
    }),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

const MODERATION_CATEGORIES = [
  'harassment',
  'harassment/threatening',
  'hate',
  'hate/threatening',
  'illicit',
  'illicit/violent',
  'self-harm',
  'self-harm/intent',
  'self-harm/instructions',
  'sexual',
  'sexual/minors',
  'violence',
  'violence/graphic',
];

/** Nothing is flagged; scores are small hash-derived numbers, so results differ per input but never flag. */
function moderation(body: Body): Body {
  if (body.input === undefined) throw missingParameter('input');
  const inputs = Array.isArray(body.input) ? body.input : [body.input];
  return {
    id: `modr-${randomSuffix()}`,
    model: typeof body.model === 'string' ? body.model : 'omni-moderation-latest',
    results: inputs.map((input) => {
      const random = seededRandom(hash32(JSON.stringify(input)));
      const categories: Record<string, boolean> = {};
      const scores: Record<string, number> = {};
      const appliedTypes: Record<string, string[]> = {};
      for (const category of MODERATION_CATEGORIES) {
        categories[category] = false;
        scores[category] = Number((random() * 0.01).toFixed(6));
        appliedTypes[category] = ['text'];
      }
      return { flagged: false, categories, category_scores: scores, category_applied_input_types: appliedTypes };
    }),
  };
}
