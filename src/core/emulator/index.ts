/**
 * The embedded batch emulator: an OpenAI-compatible Files + Batches API (plus the synchronous inference
 * endpoints and the seed's DeepSeek-style batch API) on loopback, for demos, dry runs and tests. Plain Node.
 */
export { startEmulator, type RunningEmulator } from './server';
export type { FaultInjector } from './faults';
export type { RequestLog } from './requestLog';
export type {
  BatchError,
  BatchFault,
  BatchObject,
  BatchOutputLine,
  BatchStatus,
  EmulatorOptions,
  FaultSettings,
  FileObject,
  LatencyDistribution,
} from './types';
