import * as l10n from '@vscode/l10n';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { startEmulator, type BatchFault, type EmulatorOptions } from '../../core/emulator';
import { EXIT_OK } from '../exitCodes';
import { fraction, nonNegativeInteger, positive } from '../numberOptions';

/** The upstream's key comes from the environment, never from the command line (where `ps` would show it). */
const UPSTREAM_KEY_VARIABLE = 'BATCH_STUDIO_UPSTREAM_API_KEY';

interface EmulatorCommandOptions {
  host: string;
  port: number;
  dataDir?: string;
  upstream?: string;
  latencyMs?: number;
  rpm?: number;
  tpm?: number;
  failRate?: number;
  dropRate?: number;
  keepAliveMs?: number;
  seed?: number;
  timeScale?: number;
  requestsPerSecond?: number;
  batchFault?: BatchFault;
}

function parseUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(l10n.t('--upstream must be an http(s) URL such as http://127.0.0.1:8000/v1.'));
}

/** Resolves on the first SIGINT or SIGTERM. */
function untilStopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/** `batch-studio emulator`: the OpenAI-compatible batch emulator as a server, until SIGINT/SIGTERM. */
export function registerEmulatorCommand(program: Command, setExitCode: (code: number) => void): void {
  program
    .command('emulator')
    .description(l10n.t('Serve an OpenAI-compatible Batch API on loopback, no key needed (upstream key: {0})', `$${UPSTREAM_KEY_VARIABLE}`))
    .option('--host <host>', l10n.t('address to bind (loopback unless you say otherwise)'), '127.0.0.1')
    .option('--port <port>', l10n.t('port to listen on (0: a free one)'), nonNegativeInteger('--port'), 0)
    .option('--data-dir <dir>', l10n.t('keep files and batches here across restarts'))
    .option('--upstream <url>', l10n.t('forward inference to this OpenAI-compatible base URL and record its answers'), parseUrl)
    .option('--latency-ms <n>', l10n.t('latency added to every API call'), nonNegativeInteger('--latency-ms'))
    .option('--rpm <n>', l10n.t('requests per emulated minute before 429s'), nonNegativeInteger('--rpm'))
    .option('--tpm <n>', l10n.t('tokens per emulated minute before 429s'), nonNegativeInteger('--tpm'))
    .option('--fail-rate <f>', l10n.t('fraction of inference requests answered 500/503'), fraction('--fail-rate'))
    .option('--drop-rate <f>', l10n.t('fraction of API calls whose connection is dropped'), fraction('--drop-rate'))
    .option('--keep-alive-ms <n>', l10n.t('hold each synchronous answer this long, sending blank lines before the JSON (as DeepSeek does under load)'), nonNegativeInteger('--keep-alive-ms'))
    .option('--seed <n>', l10n.t('seed that makes faults and output order repeatable'), nonNegativeInteger('--seed'))
    .option('--time-scale <f>', l10n.t('emulated seconds per real second (86400: the 24h window lasts 1 s)'), positive('--time-scale'))
    .option('--requests-per-second <n>', l10n.t('batch lines run per emulated second (default: full speed)'), positive('--requests-per-second'))
    .addOption(new Option('--batch-fault <kind>', l10n.t('every batch fails validation, expires or stalls in_progress')).choices(['fail_validation', 'expire', 'stall']))
    .action(async (options: EmulatorCommandOptions) => {
      const emulatorOptions: EmulatorOptions = { ...options, upstreamApiKey: process.env[UPSTREAM_KEY_VARIABLE] };
      const emulator = await startEmulator(emulatorOptions);
      process.stdout.write(`${l10n.t('Batch emulator listening on {0}', emulator.baseUrl)}\n`);
      const signal = await untilStopSignal();
      await emulator.close();
      process.stderr.write(`${l10n.t('Batch emulator stopped ({0}).', signal)}\n`);
      setExitCode(EXIT_OK);
    });
}
