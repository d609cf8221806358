import * as l10n from '@vscode/l10n';
import { Presets, SingleBar } from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { BatchPoller } from '../../core/jobs/batchPoller';
import { isTerminalStatus, type Job } from '../../core/jobs/job';
import { JobStore, MemoryJobStorage } from '../../core/jobs/jobStore';
import { statusLabel } from '../../core/jobs/jobPresentation';
import { describeProviderError } from '../../core/errors';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from '../exitCodes';
import { refreshJob, statusJson, statusText } from './status';
import { terminalText } from '../../core/text/terminalText';
import { addConnectionOptions, connect, reportProviderError, type CliConnection, type ConnectionFlags } from './submit';

export interface WatchFlags extends ConnectionFlags {
  /** The shortest wait between two status checks, in seconds (the poller backs off from there). */
  interval: number;
}

export const DEFAULT_WATCH_INTERVAL_SECONDS = 5;

export function parseIntervalSeconds(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0.05 || value > 600) throw new InvalidArgumentError(l10n.t('--interval must be a number of seconds from 0.05 to 600.'));
  return value;
}

/** 0 when every request of a completed batch succeeded; 1 when any failed, or the batch failed, expired or was cancelled. */
export function watchExitCode(job: Job): number {
  return job.status === 'completed' && job.requestCounts.failed === 0 ? EXIT_OK : EXIT_FAILURE;
}

function countsText(job: Job): string {
  const { total, completed, failed } = job.requestCounts;
  return failed ? l10n.t('{0}/{1} ({2} failed)', completed + failed, total, failed) : `${completed + failed}/${total}`;
}

/** How changes are shown: a progress bar on a terminal, else one line per change. */
interface WatchDisplay {
  update(job: Job): void;
  stop(): void;
}

function lineDisplay(write: (text: string) => void): WatchDisplay {
  let last = '';
  return {
    update(job) {
      const line = `${terminalText(job.id)}: ${statusLabel(job.status)} ${countsText(job)}`;
      if (line !== last) write(`${line}\n`);
      last = line;
    },
    stop() {},
  };
}

function barDisplay(): WatchDisplay {
  const bar = new SingleBar({ format: `{id} {status} |{bar}| ${l10n.t('{0}/{1} requests', '{value}', '{total}')}{failed} · {duration_formatted}`, stream: process.stderr, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(job) {
      const { total, completed, failed } = job.requestCounts;
      const payload = { id: terminalText(job.id), status: statusLabel(job.status), failed: failed ? ` ${l10n.t('({0} failed)', failed)}` : '' };
      if (!started) bar.start(total, completed + failed, payload);
      else {
        bar.setTotal(total);
        bar.update(completed + failed, payload);
      }
      started = true;
    },
    stop: () => bar.stop(),
  };
}

/**
 * Polls one batch until it ends, with the extension's poller (backoff as the job ages, Retry-After on
 * 429, a stop on 401), showing each change; resolves to the final job, or undefined when interrupted.
 * A refused key or a batch the provider does not know rejects.
 */
export async function watchJob(connection: CliConnection, id: string, flags: WatchFlags, signal: AbortSignal): Promise<Job | undefined> {
  const json = flags.format === 'json';
  const display = !json && process.stderr.isTTY ? barDisplay() : lineDisplay((text) => (json ? process.stderr : process.stdout).write(text));
  try {
    let job = await refreshJob(connection, id);
    display.update(job);
    if (!isTerminalStatus(job.status)) {
      const store = new JobStore(new MemoryJobStorage([job]));
      let authError: unknown;
      let lastError = '';
      const poller = new BatchPoller({
        profile: job.profile,
        source: { retrieveBatch: (batchId) => connection.provider.retrieveBatch(batchId) },
        store,
        minIntervalMs: flags.interval * 1000,
        onAuthFailure: (error) => (authError = error),
        onError: (error) => {
          const message = describeProviderError('poll', error, { profileName: connection.profile.name, secrets: [connection.apiKey] }).message;
          if (message !== lastError) process.stderr.write(`batch-studio watch: ${l10n.t('a status check failed; trying again: {0}', terminalText(message))}\n`);
          lastError = message;
        },
      });
      const subscription = store.onDidChange(({ changed }) => changed.forEach((changedJob) => display.update(changedJob)));
      const stop = () => poller.dispose();
      signal.addEventListener('abort', stop, { once: true });
      poller.wake();
      await poller.whenStopped();
      signal.removeEventListener('abort', stop);
      subscription.dispose();
      if (authError) throw authError;
      if (signal.aborted) return undefined;
      job = store.get(job.profile, job.id) ?? job;
      if (connection.jobStore.get(job.profile, job.id)) await connection.jobStore.upsert(job);
    }
    return job;
  } finally {
    display.stop();
  }
}

/** Aborts on the first SIGINT (Ctrl-C), so a watch ends with exit 130 rather than a killed process. */
export function interruptSignal(): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const abort = () => controller.abort();
  process.once('SIGINT', abort);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', abort) };
}

/** Watches the jobs, prints the last one's status last; returns the exit code (the worst of them). */
export async function watchAndReport(connection: CliConnection, ids: string[], flags: WatchFlags): Promise<number> {
  const interrupt = interruptSignal();
  try {
    let exitCode = EXIT_OK;
    for (const id of ids) {
      const job = await watchJob(connection, id, flags, interrupt.signal);
      if (!job) {
        process.stderr.write(`batch-studio watch: ${l10n.t('interrupted; the batch goes on: {0}', `batch-studio watch ${id}`)}\n`);
        return EXIT_INTERRUPTED;
      }
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(statusJson(job))}\n` : statusText(job));
      exitCode = Math.max(exitCode, watchExitCode(job));
    }
    return exitCode;
  } finally {
    interrupt.dispose();
  }
}

/** `batch-studio watch <batch-id>`: waits for the batch to end, showing its progress. */
export function registerWatchCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('watch')
      .description(l10n.t('Wait for a batch to end, showing its progress (exit 0: completed with no failed request, 1: failed requests, or the batch failed, expired or was cancelled, 2: usage error, 130: interrupted)'))
      .argument('<batch-id>', l10n.t('the batch (or job) id submit printed')),
  )
    .option('--interval <seconds>', l10n.t('the shortest wait between two status checks; they slow down as the batch ages'), parseIntervalSeconds, DEFAULT_WATCH_INTERVAL_SECONDS)
    .action(async (id: string, flags: WatchFlags) => {
      const connection = connect(flags, process.env, { batchId: id });
      try {
        setExitCode(await watchAndReport(connection, [id], flags));
      } catch (error) {
        setExitCode(reportProviderError('watch', error, connection, flags));
      }
    });
}
