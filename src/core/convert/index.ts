/** Converting chat batch files between the OpenAI, Anthropic and Gemini formats. */
export { convertBatchFile, convertedFilePath, MAX_CONVERSION_NOTES, type ConversionDiagnostic, type ConversionResult, type ConvertOptions } from './convertFile';
export { DEFAULT_ANTHROPIC_MAX_TOKENS } from './anthropicChat';
