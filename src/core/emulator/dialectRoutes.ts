import { anthropicDialect, geminiDialect } from '../dialects';
import { ANTHROPIC_ENDPOINT } from '../dialects/anthropic/rules';
import { dialectRateLimitTokens } from '../estimate/rateLimitTokens';
import { isJsonObject } from '../validation/jsonValues';
import { AnthropicApiError } from './anthropicBatches';
import { ApiError } from './apiError';
import type { FaultInjector } from './faults';
import { GeminiApiError, isGeminiPath } from './geminiBatches';
import { readJsonBody, sendJson } from './http';
import type { InferenceEngine, InferenceResult } from './inference';
import { GEMINI_RESPONDER_ENDPOINT } from './responders';
import type { Router } from './router';

/** Anthropic's error `type` for each status the emulator answers with. */
const ANTHROPIC_ERROR_TYPES: Readonly<Record<number, string>> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

function isAnthropicPath(pathname: string): boolean {
  return pathname === ANTHROPIC_ENDPOINT || pathname.startsWith(`${ANTHROPIC_ENDPOINT}/`);
}

/**
 * An error as the API of its path answers it: Anthropic's `{type: "error", error}` under `/v1/messages`,
 * Google's `{error: {code, message, status}}` under `/v1beta/`, else OpenAI's. Status and headers (a 429's
 * Retry-After) are kept, so a fault (an emulated rate limit, a 5xx) reads to each SDK as its own API's.
 */
export function errorInShapeOf(pathname: string, error: ApiError): ApiError {
  if (isGeminiPath(pathname) && !(error instanceof GeminiApiError)) return new GeminiApiError(error.status, error.message, error.type, error.param, error.code, error.headers);
  if (isAnthropicPath(pathname) && !(error instanceof AnthropicApiError)) {
    const type = ANTHROPIC_ERROR_TYPES[error.status] ?? (error.status >= 500 ? 'api_error' : 'invalid_request_error');
    return new AnthropicApiError(error.status, error.message, type, error.param, error.code, error.headers);
  }
  return error;
}

/** An engine's error answer (OpenAI-shaped, from a fault or the responder) as an error to throw. */
function resultError(result: InferenceResult): ApiError {
  const detail = isJsonObject(result.body) && isJsonObject(result.body.error) ? result.body.error : {};
  const message = typeof detail.message === 'string' ? detail.message : `The request failed with status ${result.status}.`;
  return new ApiError(result.status, message, typeof detail.type === 'string' ? detail.type : undefined, typeof detail.param === 'string' ? detail.param : null, typeof detail.code === 'string' ? detail.code : null);
}

/** Runs one synchronous request of another dialect under the emulator's TPM limit and faults; errors in the path's shape. */
async function answerSynchronously(pathname: string, endpoint: string, body: Record<string, unknown>, counted: () => number, engine: InferenceEngine, faults: FaultInjector) {
  const limited = faults.admitTokens(counted);
  if (limited) throw errorInShapeOf(pathname, limited);
  const result = await engine.execute({ endpoint, body });
  if (result.status !== 200) throw errorInShapeOf(pathname, resultError(result));
  return { headers: faults.rateLimitHeaders('tokens'), body: result.body };
}

/**
 * The Messages API (`POST /v1/messages`) and Gemini's `POST /v1beta/models/{model}:generateContent`,
 * answered at once like the OpenAI inference routes (same faults, TPM limit and rate-limit headers), so the
 * official Anthropic and Google Gen AI SDKs pointed at the emulator's origin run requests unchanged.
 */
export function addDialectInferenceRoutes(router: Router, engine: InferenceEngine, faults: FaultInjector): void {
  router
    .add('POST', ANTHROPIC_ENDPOINT, async ({ req, res }) => {
      const body = await readJsonBody(req).catch((error: unknown) => Promise.reject(error instanceof ApiError ? errorInShapeOf(ANTHROPIC_ENDPOINT, error) : error));
      const counted = () => dialectRateLimitTokens(anthropicDialect, { params: body });
      const answer = await answerSynchronously(ANTHROPIC_ENDPOINT, ANTHROPIC_ENDPOINT, body, counted, engine, faults);
      sendJson(res, 200, answer.body, answer.headers);
    })
    .add('POST', '/v1beta/models/{model}:generateContent', async ({ req, res, params }) => {
      const pathname = `/v1beta/models/${params.model}:generateContent`;
      const body = await readJsonBody(req).catch((error: unknown) => Promise.reject(error instanceof ApiError ? errorInShapeOf(pathname, error) : error));
      const counted = () => dialectRateLimitTokens(geminiDialect, { request: body });
      const answer = await answerSynchronously(pathname, GEMINI_RESPONDER_ENDPOINT, { ...body, model: params.model }, counted, engine, faults);
      sendJson(res, 200, answer.body, answer.headers);
    });
}
