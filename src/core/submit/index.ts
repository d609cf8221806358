/**
 * Submitting a batch file, safely: validate, hash, never twice (the provider's recent batches and the
 * JobStore), split over-limit files, upload with progress, create at most once, record before announcing.
 */
export {
  checkSubmission,
  submitChecked,
  submitBatchFile,
  checkUserMetadata,
  MetadataError,
  MAX_USER_METADATA_KEYS,
  TOOL_METADATA_KEYS,
  PartialSubmissionError,
  type SubmissionCheck,
  type SubmissionSummary,
  type SubmitOptions,
  type SubmitProgress,
  type SubmitResult,
  type SubmitStage,
} from './submitBatchFile';
export { createBatchOnce, CreateOutcomeUnknownError, type CreateOnceParams } from './createBatchOnce';
export { findLiveSubmission, findInRecentBatches, isLive, isSameSubmission, type SubmissionIdentity } from './duplicateCheck';
export { waitForQueueHeadroom } from './waitForQueueHeadroom';
export { planSplit, scanLineExtents, splitPartPath, writeSplitParts, OverTokenLimitLineError, UnsplittableLineError, type LineExtent, type SplitLimits, type SplitPart, type SplitPlan } from './splitPlan';
export { sha256OfFile } from './fileDigest';
