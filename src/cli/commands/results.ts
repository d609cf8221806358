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
import { formatCountOf, formatDuration } from '../../core/formatting';
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
  const parts = [`success rate: ${successRate === undefined ? '-' : `${decimal(100 * successRate, 1)}%`}`, `duration: ${durationSeconds === undefined ? 'unknown' : formatDuration(durationSeconds)}`];
  if (throughput) parts.push(`${decimal(throughput.requestsPerSecond, 2)} requests/s`, `${decimal(throughput.tokensPerSecond, 1)} tokens/s`);
  const lines = [`${parts.join(', ')}\n`];
  if (average) lines.push(`average tokens per succeeded request: ${decimal(average.total, 1)} (${decimal(average.prompt, 1)} prompt, ${decimal(average.completion, 1)} completion)\n`);
  return lines;
}

function failureLine(result: JoinedResult): string {
  const what = result.status === 'missing' ? 'missing: no result' : `failed${result.statusCode !== undefined ? ` ${result.statusCode}` : ''}: ${result.text}`;
  return `  line ${result.line + 1} ${terminalText(result.customId)}: ${terminalText(what)}\n`;
}

/** The summary in a few lines, then one line per failed or missing request. */
function formatText(join: ResultsJoin, summary: ResultsSummary): string {
  const { usage, cost } = summary;
  const out = [`${formatCountOf(join.total, 'request')}: ${join.succeeded} succeeded (${percent(join.succeeded, join.total)}), ${join.failed} failed, ${summary.byStatus.missing} missing\n`];
  if (summary.byErrorCode.length) out.push(`errors: ${summary.byErrorCode.map(({ code, count }) => `${terminalText(code)} ×${count}`).join(', ')}\n`);
  if (join.duplicates.length) out.push(`duplicates (more than one result): ${join.duplicates.map(terminalText).join(', ')}\n`);
  if (join.unknown.length) out.push(`unknown (not in the input): ${join.unknown.map(terminalText).join(', ')}\n`);
  if (join.duplicateInputIds.length) out.push(`custom_ids on more than one input line: ${join.duplicateInputIds.map(terminalText).join(', ')}\n`);
  if (join.unreadableInputLines.length) out.push(`unreadable input lines: ${join.unreadableInputLines.map((line) => line + 1).join(', ')}\n`);
  if (join.unreadableResultLines.length) {
    out.push(`unreadable result lines: ${join.unreadableResultLines.map(({ path, line }) => `${terminalText(path)}:${line + 1}`).join(', ')}\n`);
  }
  out.push(...metricsLines(summary));
  out.push(`tokens: ${usage.prompt} prompt (${usage.cached} cached), ${usage.completion} completion (${usage.reasoning} reasoning), ${usage.total} total\n`);
  if (cost && cost.byModel.length) {
    out.push(`cost: ${money(cost.batch, cost.currency)} (${terminalText(cost.discount.label)}); ${money(cost.synchronous, cost.currency)} synchronous, saving ${money(cost.saving, cost.currency)}\n`);
  }
  if (cost?.unpricedModels.length) out.push(`not priced: ${cost.unpricedModels.map(terminalText).join(', ')}\n`);
  const failures = join.results.filter((result) => result.status !== 'succeeded');
  if (failures.length) out.push('failures:\n', ...failures.map(failureLine));
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
      .description('Join a batch\'s output and error files to its input by custom_id and report them (exit 0: all succeeded, 1: any failed or missing, 2: usage or I/O error)')
      .argument('<input>', 'the batch input file that was submitted')
      .argument('<output>', 'the output file the provider returned')
      .argument('[errors]', 'the error file the provider returned, if any'),
  )
    .addOption(
      new Option('--format <format>', 'text: summary, metrics and failures; markdown: the summary the extension shows; json: the joined results; csv: one row per request')
        .choices(['text', 'json', 'csv', 'markdown'])
        .default('text'),
    )
    .option('--prices <file>', 'a JSON price file merged over the shipped schemas/prices.json (text and markdown formats)')
    .option('--discount <name>', 'which discount of the price table applies: batch, seed-sync, seed-jobs, seed-files (default: the profile\'s)')
    .action(async (inputPath: string, outputPath: string, errorPath: string | undefined, options: ResultsOptions) => {
      try {
        const join = await joinResultsByCustomId(inputPath, outputPath, errorPath);
        if (options.format === 'json') process.stdout.write(formatJson(join));
        else if (options.format === 'csv') await writeResultsExport(join, 'csv', process.stdout);
        else {
          const prices = await loadPriceTable({ userPath: options.prices });
          const job = jobOfResultFiles([outputPath, errorPath]);
          const summary = summarizeResults(join, { job, prices, discount: discountFor(options, job) });
          process.stdout.write(options.format === 'markdown' ? renderSummaryMarkdown(summary, `Results of ${path.basename(inputPath)}`) : formatText(join, summary));
        }
        setExitCode(join.failed || join.missing.length ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        process.stderr.write(`batch-studio results: ${describeReadError(error)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
