/**
 * Before paying: tokens per request with the model's own tokenizer (gpt-tokenizer), output bounds, cost at
 * batch and synchronous prices, context windows (`context_length_exceeded`) and enqueued-token headroom.
 * The editor keeps a `DocumentTokenEstimate` per open document; the CLI and submit use `estimateBatchFile`.
 */
export { tokenizerForModel, type EncodingName, type ModelTokenizer } from './tokenizer';
export { countRequestTokens, outputBound, type NotCounted, type RequestTokens } from './requestTokens';
export { FileTokenTotals, PROMPT_CACHE_MIN_TOKENS, type FileTokens } from './fileEstimate';
export { estimateCost, type CostEstimate } from './cost';
export { contextWindowOf, lookupModel, modelLimits, type ModelLimits, type ModelWindow } from './modelLimits';
export { activeJobsFor, DEFAULT_USAGE_TIER, enqueuedTokenLimitFor, queueHeadroom, type EnqueuedTokenLimit, type QueueHeadroom } from './queueHeadroom';
export { findContextLengthProblem, type ContextLengthProblem } from './contextLength';
export { countRecordTokens, DocumentTokenEstimate } from './documentEstimate';
export { estimateBatchFile, type FileEstimate } from './estimateFile';
export { rateLimitTokens } from './rateLimitTokens';
