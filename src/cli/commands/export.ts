import * as l10n from '@vscode/l10n';
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { Option, type Command } from 'commander';
import {
  defaultBatchPath,
  readBatchTemplate,
  TEMPLATE_SUFFIX,
  TemplateError,
  templatePathForBatch,
  writeFileInPlace,
  writeResultsWithData,
  type TextSink,
} from '../../core/authoring';
import { joinResultsByCustomId, writeResultsExport, type ExportFormat } from '../../core/results';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { describeAuthoringError } from './build';

interface ExportOptions {
  withData?: boolean;
  spreadAnswers?: boolean;
  format: ExportFormat;
  out?: string;
}

/** Standard output as a sink: its writes to files and pipes are synchronous on POSIX. */
const stdoutSink: TextSink = { write: (text) => void process.stdout.write(text) };

/** The template a with-data export reads: the argument itself, or the one the batch file was built from. */
function templatePathOf(path: string): string {
  if (path.endsWith(TEMPLATE_SUFFIX)) return path;
  const template = templatePathForBatch(path);
  if (!template) throw new TemplateError(l10n.t('{0} is neither a *{1} nor a *.batch.jsonl built from one: pass the template', path, TEMPLATE_SUFFIX));
  return template;
}

async function exportWithData(source: string, output: string, errors: string | undefined, options: ExportOptions): Promise<number> {
  const templatePath = templatePathOf(source);
  const template = await readBatchTemplate(templatePath);
  const write = (sink: TextSink) => writeResultsWithData(template, templatePath, { output, errors }, sink, { format: options.format, spreadJsonAnswers: options.spreadAnswers });
  const report = options.out ? await writeFileInPlace(options.out, write) : await write(stdoutSink);
  const { failed, missing, skipped } = report.byStatus;
  if (options.out) process.stderr.write(`${options.out}: ${l10n.t('{0} rows, {1} answered, {2} failed, {3} missing, {4} skipped', report.rows, report.byStatus.succeeded, failed, missing, skipped)}\n`);
  return failed || missing || skipped ? EXIT_FAILURE : EXIT_OK;
}

async function exportRequests(source: string, output: string, errors: string | undefined, options: ExportOptions): Promise<number> {
  const input = source.endsWith(TEMPLATE_SUFFIX) ? defaultBatchPath(source) : source;
  const join = await joinResultsByCustomId(input, output, errors);
  const out = options.out ? createWriteStream(options.out) : process.stdout;
  await writeResultsExport(join, options.format, out);
  if (options.out) {
    out.end();
    await once(out, 'finish');
  }
  return join.failed || join.missing.length ? EXIT_FAILURE : EXIT_OK;
}

/** `batch-studio export <template|input> <output> [<errors>]`: results as CSV or JSONL, with the dataset's rows or per request. */
export function registerExportCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('export')
    .description(l10n.t("Export a batch's results as CSV or JSONL: per request, or with --with-data joined back to the template's dataset rows (exit 0: all succeeded, 1: any failed, missing or skipped, 2: usage or I/O error)"))
    .argument('<source>', l10n.t('the template (*.batch-template.json) or the batch input file built from it'))
    .argument('<output>', l10n.t('the output file the provider returned'))
    .argument('[errors]', l10n.t('the error file the provider returned, if any'))
    .option('--with-data', l10n.t('one row per dataset row: its columns, then custom_id, status, answer, error and token counts'))
    .option('--spread-answers', l10n.t('with --with-data: spread an answer that is a JSON object into answer.<key> columns'))
    .addOption(new Option('--format <format>', l10n.t('csv (with a header) or jsonl')).choices(['csv', 'jsonl']).default('csv'))
    .option('--out <file>', l10n.t('where to write (default: standard output)'))
    .action(async (source: string, output: string, errors: string | undefined, options: ExportOptions) => {
      try {
        setExitCode(options.withData ? await exportWithData(source, output, errors, options) : await exportRequests(source, output, errors, options));
      } catch (error) {
        process.stderr.write(`batch-studio export: ${describeAuthoringError(error)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
