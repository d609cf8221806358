/**
 * Batch file validation: the rules of OpenAI-style batch JSONL, shared by the editor (incremental,
 * `BatchDocumentValidator`), the CLI and the emulator (streaming, `validateBatchFile`).
 */
export { DiagnosticCodes, type DiagnosticCode } from './codes';
export { PROVIDER_LIMITS, OPENAI_BATCH_ENDPOINTS, acceptedEndpoints, isAcceptedEndpoint, type ProviderLimits } from './providers';
export { BatchDocumentValidator } from './documentValidator';
export { validateBatchText } from './validateText';
export { validateBatchFile } from './validateFile';
export { validateRequest } from './validateRequest';
export type { LineDiagnostic } from './lineText';
export type { BatchLineInfo, LineShape, MemberSpan, TextContentChange } from './lineInfo';
export type {
  BatchDiagnostic,
  BatchFileKind,
  BatchFileReport,
  DiagnosticSeverity,
  ProviderLimitsName,
  RelatedSpan,
  TextSpan,
  ValidationOptions,
} from './types';
