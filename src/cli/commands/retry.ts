import * as l10n from '@vscode/l10n';
import { Option, type Command } from 'commander';
import { describeFailure, joinResultsByCustomId, triageFailures, writeRetryFile } from '../../core/results';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { terminalText } from '../../core/text/terminalText';
import { describeReadError } from './results';

interface RetryOptions {
  all?: boolean;
  format: 'text' | 'json';
}

/**
 * `batch-studio retry <input> <output> [<errors>]`: writes `<name>.retry-N.batch.jsonl` beside the input
 * with the requests that can succeed if sent again; the permanent failures are listed on stderr by line
 * and included only with `--all`.
 */
export function registerRetryCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('retry')
    .description(l10n.t('Write a retry file with the failed requests that can succeed on retry (exit 0: written, or nothing failed; 1: permanent failures left out; 2: usage or I/O error)'))
    .argument('<input>', l10n.t('the batch input file that was submitted'))
    .argument('<output>', l10n.t('the output file the provider returned'))
    .argument('[errors]', l10n.t('the error file the provider returned, if any'))
    .option('--all', l10n.t('also resend the permanent failures (other 4xx such as 400 invalid_value, context_length_exceeded), unchanged'))
    .addOption(new Option('--format <format>', l10n.t('output format')).choices(['text', 'json']).default('text'))
    .action(async (inputPath: string, outputPath: string, errorPath: string | undefined, options: RetryOptions) => {
      try {
        const join = await joinResultsByCustomId(inputPath, outputPath, errorPath);
        const { retryable, permanent } = triageFailures(join);
        const retry = await writeRetryFile(join, options.all ? [...retryable, ...permanent] : retryable);
        const leftOut = options.all ? [] : permanent;
        if (permanent.length) {
          const count = permanent.length;
          const heading = options.all
            ? count === 1 ? l10n.t('1 permanent failure (included, unchanged: it will likely fail again):') : l10n.t('{0} permanent failures (included, unchanged: they will likely fail again):', count)
            : count === 1 ? l10n.t('1 permanent failure (left out: fix it, or --all includes it unchanged):') : l10n.t('{0} permanent failures (left out: fix them, or --all includes them unchanged):', count);
          process.stderr.write(`${heading}\n`);
          for (const result of permanent) process.stderr.write(`  ${inputPath}:${result.line + 1}: ${terminalText(result.customId)}: ${terminalText(describeFailure(result))}\n`);
        }
        if (options.format === 'json') {
          const entry = (result: (typeof permanent)[number]) => ({ line: result.line + 1, custom_id: result.customId, status_code: result.statusCode ?? null, error_code: result.errorCode ?? null });
          process.stdout.write(`${JSON.stringify({ path: retry?.path ?? null, requests: retry?.requests ?? 0, retryable: retryable.length, permanent: permanent.map(entry), included_permanent: options.all === true })}\n`);
        } else if (retry) {
          process.stdout.write(`${retry.path}\n`);
        } else {
          process.stderr.write(`${join.failed || join.missing.length ? l10n.t('No request can succeed on retry unchanged: nothing written.') : l10n.t('Every request succeeded: nothing to retry.')}\n`);
        }
        setExitCode(leftOut.length ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        process.stderr.write(`batch-studio retry: ${describeReadError(error)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
