import * as l10n from '@vscode/l10n';
import { Command, CommanderError } from 'commander';
import { registerValidateCommand } from './commands/validate';
import { registerEmulatorCommand } from './commands/emulator';
import { registerSubmitCommand } from './commands/submit';
import { registerStatusCommand } from './commands/status';
import { registerResultsCommand } from './commands/results';
import { registerEstimateCommand } from './commands/estimate';
import { registerWatchCommand } from './commands/watch';
import { registerDownloadCommand } from './commands/download';
import { registerListCommand } from './commands/list';
import { registerCancelCommand } from './commands/cancel';
import { registerRetryCommand } from './commands/retry';
import { registerRunCommand } from './commands/run';
import { registerBuildCommand } from './commands/build';
import { registerExportCommand } from './commands/export';
import { registerConvertCommand } from './commands/convert';
import { EXIT_USAGE } from './exitCodes';
import { commanderErrorText, localizeCommander } from './commanderText';
import { errorMessage } from '../core/errors';
import { terminalText } from '../core/text/terminalText';
import { terminalLanguage, useMessageLanguage } from '../core/l10n/messageLanguage';

/** `batch-studio`: the command-line face of src/core, for scripts, CI and pre-commit hooks. */
export async function main(argv: string[]): Promise<number> {
  useMessageLanguage(terminalLanguage(process.env));
  const program = localizeCommander(new Command('batch-studio'))
    .description(l10n.t('Validate, emulate, submit, run and read LLM batch jobs (OpenAI-style batch JSONL).'))
    .exitOverride()
    .configureOutput({ writeErr: (text) => process.stderr.write(text), outputError: (text, write) => write(commanderErrorText(text)) });
  let exitCode = 0;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerValidateCommand(program, setExitCode);
  registerEmulatorCommand(program, setExitCode);
  registerSubmitCommand(program, setExitCode);
  registerStatusCommand(program, setExitCode);
  registerWatchCommand(program, setExitCode);
  registerDownloadCommand(program, setExitCode);
  registerListCommand(program, setExitCode);
  registerCancelCommand(program, setExitCode);
  registerResultsCommand(program, setExitCode);
  registerEstimateCommand(program, setExitCode);
  registerRetryCommand(program, setExitCode);
  registerRunCommand(program, setExitCode);
  registerBuildCommand(program, setExitCode);
  registerExportCommand(program, setExitCode);
  registerConvertCommand(program, setExitCode);
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version exit 0; every other parse error is a usage error.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    process.stderr.write(`batch-studio: ${terminalText(errorMessage(error))}\n`);
    return EXIT_USAGE;
  }
  return exitCode;
}

if (require.main === module) {
  // main() reports every error itself and never rejects.
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
