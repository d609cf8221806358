import { ApiError, type ContentListUnion, type GoogleGenAI } from '@google/genai';
import { geminiDialect } from '../dialects';
import { geminiUsage } from '../dialects/gemini/resultReader';
import { GEMINI_ENDPOINT } from '../dialects/gemini/rules';
import { errorMessage, jsonErrorOf } from '../errors/errorText';
import { dialectRateLimitTokens } from '../estimate/rateLimitTokens';
import { isObject, type RunFormat } from './runFormat';
import { noAnswerFailure, redactedJson, RequestConnectionError, withRequestSignal } from './sendRequest';

/** google.rpc codes for a request no answer came back for, as a batch's responses file writes a status. */
const NO_ANSWER_STATUS = {
  timeout: { code: 4, status: 'DEADLINE_EXCEEDED' },
  connection_error: { code: 14, status: 'UNAVAILABLE' },
} as const;

/** The API's error (`{code, message, status}`): the SDK keeps the error body as its message. */
function apiStatus(error: ApiError): Record<string, unknown> {
  return jsonErrorOf(error.message) ?? { code: error.status, message: error.message };
}

/**
 * `{key, request}` lines, each `request` sent to `models/{model}:generateContent` (the model is the run's:
 * Batch Mode lines name none), answered as a batch's responses file is: `{key, response}` or `{key, error}`.
 */
export function geminiRunFormat(client: GoogleGenAI, model: string): RunFormat {
  return {
    dialect: geminiDialect,
    required: 'key, request',
    request: (line) => (typeof line.key === 'string' && isObject(line.request) ? { customId: line.key, url: GEMINI_ENDPOINT, body: line.request } : undefined),
    tokens: (line) => dialectRateLimitTokens(geminiDialect, { request: line.body }),
    send: (line, timeoutMs, cancel) =>
      withRequestSignal(timeoutMs, cancel, async (signal) => {
        try {
          // The request goes as the line has it (REST field names, snake_case too): `extraBody` replaces
          // what the SDK built from `contents` with the line's own members.
          const response = await client.models.generateContent({
            model,
            contents: line.body.contents as ContentListUnion,
            config: { abortSignal: signal, httpOptions: { extraBody: line.body } },
          });
          const { sdkHttpResponse, ...body } = response;
          return { statusCode: 200, requestId: '', body, headers: new Headers(sdkHttpResponse?.headers ?? {}) };
        } catch (error) {
          // fetch's own failure (refused, reset): no answer, worth another attempt.
          if (error instanceof TypeError && !signal.aborted) throw new RequestConnectionError(errorMessage(error), { cause: error });
          throw error;
        }
      }),
    usedTokens: (body) => (isObject(body) ? geminiUsage(body.usageMetadata).total : 0),
    answered: (line, answer) => ({ key: line.customId, response: answer.body }),
    failed: (line, error, secrets) => {
      if (error instanceof ApiError) return { key: line.customId, error: redactedJson(apiStatus(error), secrets) };
      const { code, message } = noAnswerFailure(error, secrets);
      return { key: line.customId, error: { ...NO_ANSWER_STATUS[code], message } };
    },
  };
}
