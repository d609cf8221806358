/**
 * The diagnostic codes: a stable contract (tests, docs, the CLI and the editor use exactly these).
 * Named after the provider's own error codes where one exists.
 */
export const DiagnosticCodes = {
  invalidJsonLine: 'invalid_json_line',
  invalidRequest: 'invalid_request',
  missingRequiredParameter: 'missing_required_parameter',
  invalidCustomId: 'invalid_custom_id',
  duplicateCustomId: 'duplicate_custom_id',
  invalidMethod: 'invalid_method',
  invalidUrl: 'invalid_url',
  urlMismatch: 'url_mismatch',
  modelMismatch: 'model_mismatch',
  streamingUnsupported: 'streaming_unsupported',
  invalidBody: 'invalid_body',
  unknownParameter: 'unknown_parameter',
  blankLine: 'blank_line',
  utf8Bom: 'utf8_bom',
  customIdTooLong: 'custom_id_too_long',
  emptyBatch: 'empty_batch',
  tooManyTasks: 'too_many_tasks',
  tooManyInputs: 'too_many_inputs',
  fileTooLarge: 'file_too_large',
  invalidOutputLine: 'invalid_output_line',
  dialectMismatch: 'dialect_mismatch',
  tooManyDiagnostics: 'too_many_diagnostics',
  contextLengthExceeded: 'context_length_exceeded',
} as const;

export type DiagnosticCode = (typeof DiagnosticCodes)[keyof typeof DiagnosticCodes];
