import * as l10n from '@vscode/l10n';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { buildBatchFile, DatasetError, defaultBatchPath, fileErrorReason, readBatchTemplate, TemplateError, type BuildReport } from '../../core/authoring';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';

interface BuildOptions {
  out?: string;
  limit?: number;
  format: 'text' | 'json';
}

/** A template, dataset or output problem in words (our errors already are); anything else by its message. */
export function describeAuthoringError(error: unknown): string {
  if (error instanceof TemplateError || error instanceof DatasetError) return error.message;
  const reason = fileErrorReason(error);
  if (reason !== undefined) {
    const path = (error as NodeJS.ErrnoException).path;
    return path ? l10n.t('cannot write {0}: {1}', path, reason) : l10n.t('cannot write the output: {0}', reason);
  }
  return error instanceof Error ? error.message : String(error);
}

function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(l10n.t('a whole number of rows, 1 or more.'));
  return number;
}

function formatText(report: BuildReport): string {
  const lines = report.problems.map(({ row, message }) => `${l10n.t('row {0}: {1}', row, message.replace(/\r?\n/g, ' '))}\n`);
  if (report.problemRows > report.problems.length) lines.push(`${l10n.t('… and {0} more rows with problems', report.problemRows - report.problems.length)}\n`);
  const built = l10n.t('{0} requests from {1} rows', report.requests, report.rows);
  lines.push(`${report.outputPath}: ${report.problemRows ? l10n.t('{0}; {1} skipped', built, report.problemRows) : built}\n`);
  return lines.join('');
}

function formatJson(report: BuildReport): string {
  const { outputPath, rows, requests, problemRows, problems } = report;
  return `${JSON.stringify({ output: outputPath, rows, requests, skipped: problemRows, problems }, null, 2)}\n`;
}

/** `batch-studio build <template>`: a batch file from a template over its dataset. */
export function registerBuildCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('build')
    .description(l10n.t('Generate a batch file from a *.batch-template.json and its dataset, one request per row (exit 0: every row built, 1: some rows skipped, 2: usage or I/O error)'))
    .argument('<template>', l10n.t('the template file (*.batch-template.json)'))
    .option('--out <file>', l10n.t('where to write (default: <template name>.batch.jsonl beside the template)'))
    .option('--limit <n>', l10n.t('build only the first N rows'), positiveInteger)
    .addOption(new Option('--format <format>', l10n.t('text: one "row N: problem" line per skipped row, then a summary; json: one document')).choices(['text', 'json']).default('text'))
    .action(async (templatePath: string, options: BuildOptions) => {
      try {
        const template = await readBatchTemplate(templatePath);
        const report = await buildBatchFile(template, templatePath, options.out ?? defaultBatchPath(templatePath), { limit: options.limit });
        process.stdout.write(options.format === 'json' ? formatJson(report) : formatText(report));
        setExitCode(report.problemRows ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        process.stderr.write(`batch-studio build: ${describeAuthoringError(error)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
