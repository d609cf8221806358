import type { ProviderLimits } from '../../validation/providers';
import { isJsonObject } from '../../validation/jsonValues';
import type { BatchDialect } from '../dialect';
import { chatEquivalentOfGenerateContent } from './chatEquivalent';
import { collectGeminiFacts, GEMINI_ENDPOINT, geminiRequestFindings } from './rules';

/**
 * Batch Mode's input file is uploaded through the File API, whose files are at most 2 GB
 * (ai.google.dev/gemini-api/docs/files; the batch guide names the same limit for its input file). The API
 * states no request count.
 */
export const GEMINI_LIMITS: ProviderLimits = {
  maxBytes: 2 * 1024 * 1024 * 1024,
  endpoints: [GEMINI_ENDPOINT],
  bomSeverity: 'warning',
};

/** `{"key", "request": {contents, generationConfig?, systemInstruction?, …}}`: Gemini Batch Mode's input lines. */
export const geminiDialect: BatchDialect = {
  name: 'gemini',
  label: 'Gemini',
  idKey: 'key',
  modelPath: ['request', 'model'],
  // The model is the batch's (chosen at submit), so the lines cannot disagree on it.
  oneModelPerFile: false,
  matches: (request) => ('request' in request || 'key' in request) && !('body' in request) && !('custom_id' in request),
  limits: () => ({ limits: GEMINI_LIMITS, label: 'Gemini' }),
  collectFacts: collectGeminiFacts,
  countedRequest: (request) => (isJsonObject(request.request) ? { url: '/v1/chat/completions', body: chatEquivalentOfGenerateContent(request.request, undefined) } : undefined),
  requestFindings: (request, source) => geminiRequestFindings(request, source),
};

export { GEMINI_ENDPOINT } from './rules';
