import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { Option, type Command } from 'commander';
import type { Job } from '../../core/jobs/job';
import {
  discountNameForProfile,
  joinResultsByCustomId,
  renderSummaryMarkdown,
  loadPriceTable,
  PriceTableError,
  summarizeResults,
  writeResultsExport,
  type JoinedResult,
  type ResultsJoin,
  type ResultsSummary,
} from '../../core/results';
import { terminalText } from '../../core/text/terminalText';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { describeFileError } from '../../core/errors';
import { formatCount, formatDuration } from '../../core/formatting';
import { addProfileOptions, choosesProfile, cliDownloadRegistry, cliJobStore, resolveProfile, type ConnectionFlags } from './submit';

interface ResultsOptions extends Omit<ConnectionFlags, 'format'> {
  format: 'text' | 'json' | 'csv' | 'markdown';
  prices?: string;
  discount?: string;
}

/** Why an input, results or price file could not be read, in words, naming the file (no stack trace). */
export function describeReadError(error: unknown): string {
  if (error instanceof PriceTableError) return error.message;
  return describeFileError(error);
}

/** The JSON contract: one entry per request line, in input order, `line` 1-based. */
function formatJson(join: ResultsJoin): string {
  const json = {
    total: join.total,
    succeeded: join.succeeded,
    failed: join.failed,
    missing: join.missing,
    duplicates: join.duplicates,
    unknown: join.unknown,
    results: join.results.map((result) => ({
      line: result.line + 1,
      custom_id: result.customId,
      status: result.status,
      status_code: result.statusCode ?? null,
      error_code: result.errorCode ?? null,
      text: result.text,
    })),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}

function percent(part: number, whole: number): string {
  return whole ? `${((100 * part) / whole).toFixed(1)}%` : '-';
}

function money(value: number, currency: string): string {
  return `${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 4)} ${terminalText(currency)}`;
}

function decimal(value: number, digits: number): string {
  return value.toFixed(digits);
}


/** The metrics the extension's summary shows: success rate, duration, throughput, average tokens. */
function metricsLines(summary: ResultsSummary): string[] {
  const { successRate, durationSeconds, throughput, averageTokensPerRequest: average } = summary;
  const parts = [
    l10n.t('success rate: {0}', successRate === undefined ? '-' : `${decimal(100 * successRate, 1)}%`),
    l10n.t('duration: {0}', durationSeconds === undefined ? l10n.t('unknown') : formatDuration(durationSeconds)),
  ];
  if (throughput) parts.push(l10n.t('{0} requests/s, {1} tokens/s', decimal(throughput.requestsPerSecond, 2), decimal(throughput.tokensPerSecond, 1)));
  const lines = [`${parts.join(l10n.t(', '))}\n`];
  if (average) lines.push(`${l10n.t('average tokens per succeeded request: {0}', l10n.t('{0} ({1} prompt, {2} completion)', decimal(average.total, 1), decimal(average.prompt, 1), decimal(average.completion, 1)))}\n`);
  return lines;
}

function failureLine(result: JoinedResult): string {
  const what = result.status === 'missing' ? l10n.t('missing: no result') : result.statusCode !== undefined ? l10n.t('failed {0}: {1}', result.statusCode, result.text) : l10n.t('failed: {0}', result.text);
  return `  ${l10n.t('line {0} {1}: {2}', result.line + 1, terminalText(result.customId), terminalText(what))}\n`;
}

/** The summary in a few lines, then one line per failed or missing request. */
function formatText(join: ResultsJoin, summary: ResultsSummary): string {
  const { usage, cost } = summary;
  const requests = join.total === 1 ? l10n.t('1 request') : l10n.t('{0} requests', formatCount(join.total));
  const out = [`${l10n.t('{0}: {1} succeeded ({2}), {3} failed, {4} missing', requests, join.succeeded, percent(join.succeeded, join.total), join.failed, summary.byStatus.missing)}\n`];
  const list = (items: string[]) => items.join(', ');
  if (summary.byErrorCode.length) out.push(`${l10n.t('errors: {0}', list(summary.byErrorCode.map(({ code, count }) => `${terminalText(code)} ×${count}`)))}\n`);
  if (join.duplicates.length) out.push(`${l10n.t('duplicates (more than one result): {0}', list(join.duplicates.map(terminalText)))}\n`);
  if (join.unknown.length) out.push(`${l10n.t('unknown (not in the input): {0}', list(join.unknown.map(terminalText)))}\n`);
  if (join.duplicateInputIds.length) out.push(`${l10n.t('custom_ids on more than one input line: {0}', list(join.duplicateInputIds.map(terminalText)))}\n`);
  if (join.unreadableInputLines.length) out.push(`${l10n.t('unreadable input lines: {0}', list(join.unreadableInputLines.map((line) => String(line + 1))))}\n`);
  if (join.unreadableResultLines.length) {
    out.push(`${l10n.t('unreadable result lines: {0}', list(join.unreadableResultLines.map(({ path, line }) => `${terminalText(path)}:${line + 1}`)))}\n`);
  }
  out.push(...metricsLines(summary));
  out.push(`${l10n.t('tokens: {0} prompt ({1} cached), {2} completion ({3} reasoning), {4} total', usage.prompt, usage.cached, usage.completion, usage.reasoning, usage.total)}\n`);
  if (cost && cost.byModel.length) {
    out.push(`${l10n.t('cost: {0} ({1}); {2} synchronous, saving {3}', money(cost.batch, cost.currency), terminalText(cost.discount.label), money(cost.synchronous, cost.currency), money(cost.saving, cost.currency))}\n`);
  }
  if (cost?.unpricedModels.length) out.push(`${l10n.t('not priced: {0}', list(cost.unpricedModels.map(terminalText)))}\n`);
  const failures = join.results.filter((result) => result.status !== 'succeeded');
  if (failures.length) out.push(`${l10n.t('failures:')}\n`, ...failures.map(failureLine));
  return out.join('');
}

/**
 * The job a downloaded result file came from (recorded by `batch-studio download`), for its times and
 * profile; undefined for files downloaded elsewhere.
 */
function jobOfResultFiles(files: (string | undefined)[]): Job | undefined {
  const registry = cliDownloadRegistry(process.env);
  for (const file of files) {
    const record = file && registry.get(path.resolve(file));
    if (record && record.jobId && record.profile) return cliJobStore(process.env).get(record.profile, record.jobId);
  }
  return undefined;
}

/** Which discount applies: `--discount`, else the chosen profile's, else the known job's profile's, else the Batch API's. */
function discountFor(options: ResultsOptions, job: Job | undefined): string {
  if (options.discount) return options.discount;
  if (choosesProfile(options)) return discountNameForProfile(resolveProfile(options, process.env));
  if (job) {
    try {
      return discountNameForProfile(resolveProfile({ profiles: options.profiles, profile: job.profile }, process.env));
    } catch {
      // The job's profile is not in the profiles file any more: the default applies.
    }
  }
  return 'batch';
}

/** `batch-studio results <input> <output> [<errors>]`: a finished batch's results, joined to its input. */
export function registerResultsCommand(program: Command, setExitCode: (code: number) => void): void {
  addProfileOptions(
    program
      .command('results')
      .description(l10n.t("Join a batch's output and error files to its input by custom_id and report them (exit 0: all succeeded, 1: any failed or missing, 2: usage or I/O error)"))
      .argument('<input>', l10n.t('the batch input file that was submitted'))
      .argument('<output>', l10n.t('the output file the provider returned'))
      .argument('[errors]', l10n.t('the error file the provider returned, if any')),
  )
    .addOption(
      new Option('--format <format>', l10n.t('text: summary, metrics and failures; markdown: the summary the extension shows; json: the joined results; csv: one row per request'))
        .choices(['text', 'json', 'csv', 'markdown'])
        .default('text'),
    )
    .option('--prices <file>', l10n.t('a JSON price file merged over the shipped schemas/prices.json (text and markdown formats)'))
    .option('--discount <name>', l10n.t("which discount of the price table applies: batch, seed-sync, seed-jobs, seed-files (default: the profile's)"))
    .action(async (inputPath: string, outputPath: string, errorPath: string | undefined, options: ResultsOptions) => {
      try {
        const join = await joinResultsByCustomId(inputPath, outputPath, errorPath);
        if (options.format === 'json') process.stdout.write(formatJson(join));
        else if (options.format === 'csv') await writeResultsExport(join, 'csv', process.stdout);
        else {
          const prices = await loadPriceTable({ userPath: options.prices });
          const job = jobOfResultFiles([outputPath, errorPath]);
          const summary = summarizeResults(join, { job, prices, discount: discountFor(options, job) });
          process.stdout.write(options.format === 'markdown' ? renderSummaryMarkdown(summary, l10n.t('Results of {0}', path.basename(inputPath))) : formatText(join, summary));
        }
        setExitCode(join.failed || join.missing.length ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        process.stderr.write(`batch-studio results: ${describeReadError(error)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
