import type { DiagnosticSeverity, ProviderLimitsName } from './types';

/** What a provider accepts in one batch input file. `undefined` means no limit. */
export interface ProviderLimits {
  maxRequests?: number;
  maxBytes?: number;
  /** `/v1/embeddings`: inputs across all requests of the file. */
  maxEmbeddingInputs?: number;
  /** The `url` values the provider accepts; `undefined` accepts any non-empty string. */
  endpoints?: readonly string[];
  /** A UTF-8 byte-order mark: a warning where the provider copes, an error where it fails the file. */
  bomSeverity: DiagnosticSeverity;
}

const MB = 1024 * 1024;

/** The endpoints OpenAI's `POST /v1/batches` accepts (batch-api-contract.md). */
export const OPENAI_BATCH_ENDPOINTS = [
  '/v1/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/moderations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/videos',
] as const;

/** Azure global batch documents its urls without `/v1`; its v1 API takes the OpenAI form as well. */
const AZURE_BATCH_ENDPOINTS = [
  '/chat/completions',
  '/embeddings',
  '/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/responses',
] as const;

export const PROVIDER_LIMITS: Readonly<Record<ProviderLimitsName, ProviderLimits>> = {
  openai: {
    maxRequests: 50_000,
    maxBytes: 200 * MB,
    maxEmbeddingInputs: 50_000,
    endpoints: OPENAI_BATCH_ENDPOINTS,
    bomSeverity: 'warning',
  },
  azure: {
    maxRequests: 100_000,
    maxBytes: 200 * MB,
    maxEmbeddingInputs: 50_000,
    endpoints: AZURE_BATCH_ENDPOINTS,
    bomSeverity: 'error',
  },
  // Groq runs chat completions only (batch-api-contract.md, "Other providers").
  groq: { maxBytes: 100 * MB, endpoints: ['/v1/chat/completions'], bomSeverity: 'warning' },
  generic: { bomSeverity: 'warning' },
};

/** The `url` values `provider` accepts, or `undefined` when any url is accepted. */
export function acceptedEndpoints(provider: ProviderLimitsName): readonly string[] | undefined {
  return PROVIDER_LIMITS[provider].endpoints;
}

const ACCEPTED_BY_PROVIDER = new Map(Object.entries(PROVIDER_LIMITS).map(([name, limits]) => [name, limits.endpoints && new Set(limits.endpoints)]));

export function isAcceptedEndpoint(provider: ProviderLimitsName, url: string): boolean {
  const endpoints = ACCEPTED_BY_PROVIDER.get(provider);
  return endpoints ? endpoints.has(url) : url.length > 0;
}
