/**
 * Authoring: batch files generated from a prompt template over a dataset, and results joined back to the
 * dataset's rows. Plain Node, shared by the extension and the CLI.
 *
 * - Read a template: `parseBatchTemplate(text)` (a `*.batch-template.json`; schemas/batch-template.schema.json).
 * - Generate: `buildBatchFile(template, templatePath, defaultBatchPath(templatePath), {invalidRows})`.
 * - Preview: `previewRequests(template, templatePath, rows)` reads only the first rows.
 * - Export: `writeResultsWithData(template, templatePath, {output, errors}, sink, {format})`.
 */
export {
  datasetPath,
  defaultBatchPath,
  parseBatchTemplate,
  readBatchTemplate,
  templatePathForBatch,
  TemplateError,
  TEMPLATE_SUFFIX,
  type BatchTemplate,
} from './batchTemplate';
export { DatasetError, datasetFormat, readDatasetRows, type DatasetFormat, type DatasetRow } from './datasetRows';
export { compileRequestTemplate, ROW_NUMBER_NAME, type BatchRequest, type RequestTemplate } from './requestTemplate';
export { renderDatasetRows, type RenderedRow, type RowProblem } from './renderRows';
export { buildBatchFile, type BuildOptions, type BuildReport, type InvalidRowPolicy } from './buildBatchFile';
export { previewRequests, type RequestsPreview } from './previewRequests';
export { writeFileInPlace, type TextSink } from './bufferedFileWriter';
export { fileErrorReason } from './fileErrorReason';
export { RESULT_COLUMNS, writeResultsWithData, type DataExportOptions, type DataExportReport, type RowStatus } from './exportWithData';
