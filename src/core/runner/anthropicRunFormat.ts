import { APIError } from '@anthropic-ai/sdk';
import type Anthropic from '@anthropic-ai/sdk';
import { anthropicDialect } from '../dialects';
import { ANTHROPIC_ENDPOINT } from '../dialects/anthropic/rules';
import { readUsage } from '../results/tokenUsage';
import { dialectRateLimitTokens } from '../estimate/rateLimitTokens';
import { isObject, type RunFormat } from './runFormat';
import { noAnswerFailure, postRequest, redactedJson } from './sendRequest';

/**
 * `{custom_id, params}` lines, each `params` sent to the Messages API (`POST /v1/messages`), answered as a
 * Message Batch's results are: `{custom_id, result: {type: "succeeded", message}}`, or `{type: "errored",
 * error}` with the API's error body (`{type: "error", error: {type, message}}`).
 */
export function anthropicRunFormat(client: Anthropic): RunFormat {
  return {
    dialect: anthropicDialect,
    required: 'custom_id, params',
    request: (line) => (typeof line.custom_id === 'string' && isObject(line.params) ? { customId: line.custom_id, url: ANTHROPIC_ENDPOINT, body: line.params } : undefined),
    tokens: (line) => dialectRateLimitTokens(anthropicDialect, { params: line.body }),
    // `post`, not `messages.create`: the params go as the line has them, whatever this SDK version knows.
    send: (line, timeoutMs, cancel) => postRequest(client, ANTHROPIC_ENDPOINT, line.body, timeoutMs, cancel),
    usedTokens: (body) => readUsage(body).total,
    answered: (line, answer) => ({ custom_id: line.customId, result: { type: 'succeeded', message: answer.body } }),
    failed: (line, error, secrets) => {
      if (error instanceof APIError && error.status !== undefined) {
        const body = error.error ?? { type: 'error', error: { type: 'api_error', message: error.message } };
        return { custom_id: line.customId, result: { type: 'errored', error: redactedJson(body, secrets) } };
      }
      const { code, message } = noAnswerFailure(error, secrets);
      return { custom_id: line.customId, result: { type: 'errored', error: { type: 'error', error: { type: code, message } } } };
    },
  };
}
