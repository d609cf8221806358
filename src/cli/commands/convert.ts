import * as l10n from '@vscode/l10n';
import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { convertBatchFile } from '../../core/convert';
import type { DialectName } from '../../core/dialects';
import { describeFileError } from '../../core/errors';
import { terminalText } from '../../core/text/terminalText';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';

interface ConvertFlags {
  to: DialectName;
  out?: string;
  model?: string;
  format: 'text' | 'json';
}

/**
 * `batch-studio convert <file> --to anthropic|gemini|openai [--out FILE] [--model NAME]`: writes the chat
 * requests in the target's format (default `<name>.<target>.batch.jsonl` beside the input) and lists what could
 * not be carried over, as `path:line:col: severity not_carried_over: message` lines (the new file's lines).
 */
export function registerConvertCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('convert')
    .description(l10n.t("Convert a batch file of chat requests to another provider's format (exit 0: converted; 1: some lines were not chat requests and were left out; 2: usage or I/O error)"))
    .argument('<file>', l10n.t('the batch file to convert (OpenAI, Anthropic or Gemini lines)'))
    .addOption(new Option('--to <format>', l10n.t('the format to write')).choices(['openai', 'anthropic', 'gemini']).makeOptionMandatory())
    .option('--out <file>', l10n.t('where to write (default: <name>.<format>.batch.jsonl beside the input)'))
    .option('--model <name>', l10n.t("the model every converted request names (default: each request's own; Gemini lines name none)"))
    .addOption(new Option('--format <format>', l10n.t('output format')).choices(['text', 'json']).default('text'))
    .action(async (file: string, flags: ConvertFlags) => {
      if (flags.out !== undefined && resolve(flags.out) === resolve(file)) {
        process.stderr.write(`batch-studio convert: ${l10n.t('--out names the input file: choose another file to write')}\n`);
        return setExitCode(EXIT_USAGE);
      }
      try {
        const result = await convertBatchFile(file, flags.to, { outPath: flags.out, model: flags.model });
        if (flags.format === 'json') {
          const diagnostics = result.diagnostics.map((diagnostic) => ({ line: diagnostic.line + 1, param: diagnostic.param ?? null, severity: diagnostic.severity, message: diagnostic.message }));
          process.stdout.write(`${JSON.stringify({ path: result.outPath, to: result.target, converted: result.converted, skipped: result.skipped, diagnostics, unlisted: result.unlisted })}\n`);
        } else {
          for (const diagnostic of result.diagnostics) {
            process.stdout.write(`${result.outPath}:${diagnostic.line + 1}:1: ${diagnostic.severity} not_carried_over: ${terminalText(diagnostic.message)}\n`);
          }
          if (result.unlisted) process.stdout.write(`${l10n.t('… and {0} more not listed', result.unlisted)}\n`);
          process.stdout.write(`${result.outPath}\n`);
        }
        setExitCode(result.skipped > 0 ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        process.stderr.write(`batch-studio convert: ${describeFileError(error, file)}\n`);
        setExitCode(EXIT_USAGE);
      }
    });
}
