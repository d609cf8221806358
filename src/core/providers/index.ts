/**
 * Batch providers: one interface (`BatchProvider`) over OpenAI, Azure OpenAI, compatible servers, the seed's
 * sync/jobs/files APIs and the emulator, all producing the same Job record and OpenAI batch output lines.
 * Plain Node: the extension and the CLI both build on it.
 */
export type {
  BatchProvider,
  ByteProgress,
  CreateBatchParams,
  DownloadOptions,
  JobPage,
  ListBatchesOptions,
  ProviderCapabilities,
  UploadedFile,
  UploadOptions,
} from './batchProvider';
export { createProvider, type ProviderOptions } from './createProvider';
export { capabilitiesFor, limitsNameFor } from './capabilities';
export { jobFromBatch } from './jobFromBatch';
export { MissingApiKeyError, DEFAULT_AZURE_API_VERSION, EMULATOR_API_KEY, type ClientSettings } from './openaiClient';
export { redactSecrets, redactingLog, rememberSecret, REDACTED, type ProviderLog } from './redaction';
export { SEED_CHUNK_SIZES, DEFAULT_SEED_CHUNK_SIZE, seedChunkSize } from './seedChunks';
export { isAbort, isConnectionError, isTransient, mayHaveReachedServer, retryAfterMs } from './httpErrors';
export {
  ProfileError,
  apiKeyFromEnvironment,
  apiKeyVariables,
  isProfileKind,
  isSeedMode,
  parseProfiles,
  selectProfile,
  type ProfileChoice,
} from './profileSelection';
export * from './profile';
