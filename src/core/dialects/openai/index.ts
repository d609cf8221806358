import { PROVIDER_LIMITS } from '../../validation/providers';
import { collectRequestFacts, requestFindings } from '../../validation/requestRules';
import { isJsonObject } from '../../validation/jsonValues';
import type { BatchDialect } from '../dialect';

/** `{"custom_id", "method", "url", "body"}`: OpenAI's batch lines, also Azure's, Groq's and compatible servers'. */
export const openaiDialect: BatchDialect = {
  name: 'openai',
  label: 'OpenAI',
  idKey: 'custom_id',
  modelPath: ['body', 'model'],
  oneModelPerFile: true,
  matches: (request) => 'body' in request || 'url' in request || 'method' in request,
  limits: (provider) => ({ limits: PROVIDER_LIMITS[provider], label: provider }),
  collectFacts: collectRequestFacts,
  countedRequest: (request) => (isJsonObject(request.body) ? { url: typeof request.url === 'string' ? request.url : undefined, body: request.body } : undefined),
  requestFindings,
};
