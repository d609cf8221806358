/**
 * The client-side runner for synchronous APIs (OpenAI-compatible, Anthropic's Messages, Gemini's generateContent): a batch file's lines sent under a shared
 * pacer (concurrency, RPM/TPM, the server's own rate-limit answers), journalled as they arrive, resumable.
 */
export {
  DirectRun,
  RunInputError,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_RUN_CONCURRENCY,
  DEFAULT_TIMEOUT_SECONDS,
  type DirectRunOptions,
  type RunProgress,
  type RunState,
  type RunSummary,
} from './directRun';
export { journalPathsFor, type JournalPaths } from './runJournal';
export { createRunClient, type RunClient } from './runClient';
export { RequestPacer, type PacerClock, type PacerLimits } from './requestPacer';
export { readRateLimitHeaders, parseDurationMs, type RateLimitHeaders } from './rateLimitHeaders';
export { scheduleHoldUntil, scheduleProblem, type RunSchedule } from './runSchedule';
export { directRunJob, directRunJobId, isResumableRun, type DirectRunJobFields } from './runJob';
export { checkRun, runConfirmationDetail, type RunCheck, type RunSummaryCheck } from './runCheck';
export { describeRunProgress, runStateText } from './runProgressText';
