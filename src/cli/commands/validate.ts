import * as l10n from '@vscode/l10n';
import { Option, type Command } from 'commander';
import { validateBatchFile, type BatchFileReport, type ProviderLimitsName } from '../../core/validation';
import { terminalText } from '../../core/text/terminalText';
import { limitsNameFor } from '../../core/providers';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { addProfileOptions, choosesProfile, resolveProfile, type ConnectionFlags } from './submit';
import { describeFileError } from '../../core/errors';

const PROVIDERS: readonly ProviderLimitsName[] = ['openai', 'azure', 'groq', 'generic'];

interface ValidateOptions extends Omit<ConnectionFlags, 'format'> {
  format: 'text' | 'json';
  provider?: ProviderLimitsName;
}

interface CheckedFile {
  path: string;
  report: BatchFileReport;
}

/** `path:line:col: severity code: message`, 1-based, one finding a line. */
function formatText(files: CheckedFile[]): string {
  return files
    .flatMap(({ path, report }) => report.diagnostics.map((d) => `${path}:${d.line + 1}:${d.column + 1}: ${d.severity} ${d.code}: ${terminalText(d.message)}\n`))
    .join('');
}

function formatJson(files: CheckedFile[]): string {
  const json = files.map(({ path, report }) => ({
    path,
    kind: report.kind,
    requests: report.requests,
    endpoint: report.endpoint ?? null,
    model: report.model ?? null,
    bytes: report.bytes,
    diagnostics: report.diagnostics.map((d) => ({
      line: d.line + 1,
      column: d.column + 1,
      endLine: d.endLine + 1,
      endColumn: d.endColumn + 1,
      severity: d.severity,
      code: d.code,
      message: d.message,
      param: d.param ?? null,
    })),
  }));
  return `${JSON.stringify({ files: json }, null, 2)}\n`;
}

/** `batch-studio validate <file...>`: the editor's checks for CI and pre-commit hooks. */
export function registerValidateCommand(program: Command, setExitCode: (code: number) => void): void {
  addProfileOptions(program.command('validate'))
    .description(l10n.t("Check batch JSONL files against the provider's batch rules (exit 0: no errors, 1: errors, 2: usage or I/O error)"))
    .argument('<file...>', l10n.t('batch files to check'))
    .addOption(new Option('--format <format>', l10n.t('output format')).choices(['text', 'json']).default('text'))
    .addOption(new Option('--provider <provider>', l10n.t("whose limits and endpoints apply (default: the chosen profile's, else openai)")).choices(PROVIDERS))
    .action(async (paths: string[], options: ValidateOptions) => {
      const provider = options.provider ?? (choosesProfile(options) ? limitsNameFor(resolveProfile(options, process.env)) : 'openai');
      const checked: CheckedFile[] = [];
      let unreadable = false;
      for (const path of paths) {
        try {
          checked.push({ path, report: await validateBatchFile(path, { provider }) });
        } catch (error) {
          unreadable = true;
          process.stderr.write(`batch-studio validate: ${describeFileError(error, path)}\n`);
        }
      }
      process.stdout.write(options.format === 'json' ? formatJson(checked) : formatText(checked));
      const hasErrors = checked.some(({ report }) => report.diagnostics.some((d) => d.severity === 'error'));
      setExitCode(unreadable ? EXIT_USAGE : hasErrors ? EXIT_FAILURE : EXIT_OK);
    });
}
