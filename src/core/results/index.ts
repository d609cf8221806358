/**
 * Results: a batch's output and error files joined to its input by `custom_id`, the aligned document the
 * editor shows beside the input, the summary (with cost), the retry file and the export. Plain Node: the
 * VS Code adapters and the CLI build on this API.
 */
export { joinResultsByCustomId, resultsByLine, type JoinOptions, type JoinedResult, type ResultStatus, type ResultsJoin } from './joinResults';
export { parseResultLine, type ParsedResultLine, type ResultDetails } from './resultLine';
export { answerText } from './answerText';
export { readResultJson, readResultLine, type ResultLocation } from './resultLocation';
export { type TokenUsage } from './tokenUsage';
export { alignedDocumentLines, alignedDocumentText, formatAlignedLine, type AlignedLineOptions } from './alignedDocument';
export { summarizeResults, type CostSummary, type JobTimes, type ModelCost, type ResultsSummary, type SummaryOptions } from './resultsSummary';
export { renderSummaryMarkdown } from './summaryMarkdown';
export {
  defaultPriceTablePath,
  discountNameForProfile,
  findModelPrice,
  loadPriceTable,
  mergePriceTable,
  parsePriceTable,
  PriceTableError,
  type BatchDiscount,
  type ModelPrice,
  type PriceTable,
  type PriceTableFiles,
} from './priceTable';
export { retryFilePath, writeRetryFile, type RetryFile } from './retryFile';
export { EXPORT_COLUMNS, writeResultsExport, type ExportFormat } from './exportResults';
export { summarizeRequest } from './inputSummary';
