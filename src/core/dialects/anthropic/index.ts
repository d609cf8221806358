import type { ProviderLimits } from '../../validation/providers';
import type { BatchDialect } from '../dialect';
import { isJsonObject } from '../../validation/jsonValues';
import { chatEquivalentOfMessages } from './chatEquivalent';
import { anthropicRequestFindings, ANTHROPIC_ENDPOINT, collectAnthropicFacts } from './rules';

/** Message Batches: at most 100,000 requests or 256 MB per batch (platform.claude.com batch-processing guide). */
export const ANTHROPIC_LIMITS: ProviderLimits = {
  maxRequests: 100_000,
  maxBytes: 256 * 1024 * 1024,
  endpoints: [ANTHROPIC_ENDPOINT],
  // The requests are sent as JSON, never as the file: a byte-order mark does no harm.
  bomSeverity: 'warning',
};

/** `{"custom_id", "params": {model, max_tokens, messages, system?, …}}`: Anthropic's Message Batches requests. */
export const anthropicDialect: BatchDialect = {
  name: 'anthropic',
  label: 'Anthropic',
  idKey: 'custom_id',
  modelPath: ['params', 'model'],
  oneModelPerFile: false,
  matches: (request) => 'params' in request && !('body' in request),
  limits: () => ({ limits: ANTHROPIC_LIMITS, label: 'Anthropic' }),
  collectFacts: collectAnthropicFacts,
  countedRequest: (request) => (isJsonObject(request.params) ? { url: '/v1/chat/completions', body: chatEquivalentOfMessages(request.params) } : undefined),
  requestFindings: (request, source) => anthropicRequestFindings(request, source),
};
