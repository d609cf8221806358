/**
 * Results: a batch's output and error files joined to its input by `custom_id`, the aligned document the
 * editor shows beside the input, the summary (with cost), the retry file and the export. Plain Node: the
 * VS Code adapters and the CLI build on this API.
 *
 * How an editor uses it:
 * - `joinResultsByCustomId(input, output, errors)` once per pair of files (pass an AbortSignal to cancel).
 * - "Open Results": `alignedDocumentText(join)` is the read-only document; its line N is input line N.
 * - CodeLens, hovers, "Go to Result": `resultsByLine(join)[line]`; "Go to Request" is the same line number.
 * - Hover / "Open Full Result": `readResultJson(result.source)` reads the one line from disk, formatted.
 * - Diagnostics for completeness: `join.missing`, `join.duplicates`, `join.unknown`.
 * - Summary: `summarizeResults(join, {job, prices: await loadPriceTable({userPath}), discount:
 *   discountNameForProfile(profile)})`, then `renderSummaryMarkdown(summary)`.
 * - "Retry Failed": `triageFailures(join)` splits failures into retryable and permanent; `writeRetryFile(join)`
 *   writes the retryable ones (pass `[...retryable, ...permanent]` to include all; undefined when none).
 * - "Export Results": `writeResultsExport(join, 'csv' | 'jsonl', createWriteStream(path))`, then end the stream.
 */
export { indexResultsByCustomId, joinResultsByCustomId, resultsByLine, type JoinOptions, type JoinedResult, type ResultStatus, type ResultsJoin } from './joinResults';
export { parseResultLine, type ParsedResultLine, type ResultDetails } from './resultLine';
export { answerText } from './answerText';
export { readResultJson, readResultLine, type ResultLocation } from './resultLocation';
export { type TokenUsage } from './tokenUsage';
export { alignedDocumentLines, alignedDocumentText, formatAlignedLine, type AlignedLineOptions } from './alignedDocument';
export { summarizeResults, type CostSummary, type JobTimes, type ModelCost, type ResultsSummary, type SummaryOptions, type TokenHistogramBin } from './resultsSummary';
export { statusChartSvg, summaryChartsMarkdown, tokenHistogramSvg } from './summaryCharts';
export { renderSummaryMarkdown } from './summaryMarkdown';
export {
  defaultPriceTablePath,
  discountNameForProfile,
  findModelPrice,
  loadPriceTable,
  MAX_PRICE_FILE_BYTES,
  mergePriceTable,
  parsePriceTable,
  PriceTableError,
  timeOfDayRateAt,
  type BatchDiscount,
  type ModelPrice,
  type PriceTable,
  type PriceTableFiles,
  type TimeOfDayRate,
} from './priceTable';
export { retryFilePath, writeRetryFile, type RetryFile } from './retryFile';
export { describeFailure, failureKind, triageFailures, type FailureKind, type FailureTriage } from './retryTriage';
export { EXPORT_COLUMNS, writeResultsExport, type ExportFormat } from './exportResults';
export { summarizeRequest } from './inputSummary';
