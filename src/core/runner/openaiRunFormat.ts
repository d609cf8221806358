import type OpenAI from 'openai';
import { openaiDialect } from '../dialects';
import { rateLimitTokens } from '../estimate/rateLimitTokens';
import { readUsage } from '../results/tokenUsage';
import { isObject, type RunFormat } from './runFormat';
import { failureFields, sendRequest } from './sendRequest';

/** `{custom_id, url, body}` to the line's endpoint, answered in the OpenAI batch output format. */
export function openaiRunFormat(client: OpenAI): RunFormat {
  return {
    dialect: openaiDialect,
    required: 'custom_id, url, body',
    request: (line) => (typeof line.custom_id === 'string' && typeof line.url === 'string' && isObject(line.body) ? { customId: line.custom_id, url: line.url, body: line.body } : undefined),
    tokens: (line) => rateLimitTokens(line.url, line.body),
    send: (line, timeoutMs, cancel) => sendRequest(client, line.url, line.body, timeoutMs, cancel),
    usedTokens: (body) => readUsage(body).total,
    answered: (line, answer) => ({ custom_id: line.customId, response: { status_code: answer.statusCode, request_id: answer.requestId, body: answer.body }, error: null }),
    failed: (line, error, secrets) => ({ custom_id: line.customId, ...failureFields(error, secrets) }),
  };
}
