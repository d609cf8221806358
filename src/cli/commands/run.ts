import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { type Command } from 'commander';
import { SingleBar } from 'cli-progress';
import type { Profile } from '../../core/providers';
import { createRunClient, DirectRun, RunInputError, type RunProgress, type RunSummary } from '../../core/runner';
import { formatCount } from '../../core/formatting';
import { describeRunProgress } from '../../core/runner/runProgressText';
import { EXIT_FAILURE, EXIT_INTERRUPTED, EXIT_OK } from '../exitCodes';
import { positive, positiveInteger } from '../numberOptions';
import { addConnectionOptions, chooseProfile, UsageError, type ConnectionFlags } from './submit';
import { interruptSignal } from './watch';

interface RunFlags extends ConnectionFlags {
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  maxAttempts?: number;
  timeoutSeconds?: number;
  out?: string;
}

/** The profile a run goes to: any server with the synchronous endpoints (a URL alone is a `direct` one). */
function runProfile(flags: RunFlags): { profile: Profile; apiKey?: string } {
  const kind = flags.kind ?? (flags.baseUrl !== undefined && flags.profile === undefined ? 'direct' : undefined);
  const chosen = chooseProfile({ ...flags, kind }, process.env);
  const { profile } = chosen;
  if (profile.kind === 'azure' || profile.kind === 'seed') {
    throw new UsageError(l10n.t('profile "{0}" is kind {1}; run sends each request to a synchronous API (OpenAI-compatible, Anthropic or Gemini): use a direct, openai, anthropic or gemini profile, or --base-url', profile.name, profile.kind));
  }
  return chosen;
}

/** A bar on a terminal; one line a second otherwise (a CI log). Both on stderr, so stdout stays the result. */
function showProgress(run: DirectRun): () => void {
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ stream: process.stderr, format: '{bar} {percentage}% | {status}', hideCursor: true, clearOnComplete: false }, undefined);
    let started = false;
    const update = (progress: RunProgress) => {
      const done = progress.succeeded + progress.failed;
      if (!started) {
        bar.start(Math.max(1, progress.total), done, { status: describeRunProgress(progress, Date.now()) });
        started = true;
      } else bar.update(done, { status: describeRunProgress(progress, Date.now()) });
    };
    const subscription = run.onProgress(update);
    return () => {
      subscription.dispose();
      if (started) bar.stop();
    };
  }
  const timer = setInterval(() => process.stderr.write(`${describeRunProgress(run.progress(), Date.now())}\n`), 1000);
  return () => clearInterval(timer);
}

function report(summary: RunSummary, flags: RunFlags): number {
  const output = existsSync(summary.paths.results) ? summary.paths.results : null;
  const errors = existsSync(summary.paths.errors) ? summary.paths.errors : null;
  const status = summary.state === 'cancelled' ? 'cancelled' : 'completed';
  if (flags.format === 'json') {
    process.stdout.write(
      `${JSON.stringify({
        status,
        total: summary.total,
        succeeded: summary.succeeded,
        failed: summary.failed,
        skipped_already_done: summary.skippedAlreadyDone,
        resent: summary.resent,
        rate_limited: summary.rateLimited,
        elapsed_ms: Math.round(summary.elapsedMs),
        requests_per_s: Number(summary.requestsPerSecond.toFixed(2)),
        tokens_per_s: Number(summary.tokensPerSecond.toFixed(2)),
        output,
        errors,
      })}\n`,
    );
  } else {
    const counts = [formatCount(summary.succeeded), formatCount(summary.failed), formatCount(summary.total)];
    const outcome = status === 'cancelled' ? l10n.t('Stopped: {0} succeeded, {1} failed of {2} requests', ...counts) : l10n.t('Finished: {0} succeeded, {1} failed of {2} requests', ...counts);
    const lines = [
      l10n.t(
        '{0} ({1})',
        outcome,
        l10n.t('{0} answered before, not sent again; {1} in flight last time, sent again; {2} rate limited', formatCount(summary.skippedAlreadyDone), formatCount(summary.resent), formatCount(summary.rateLimited)),
      ),
      l10n.t('{0} s, {1} requests/s, {2} tokens/s', (summary.elapsedMs / 1000).toFixed(1), summary.requestsPerSecond.toFixed(1), Math.round(summary.tokensPerSecond)),
    ];
    if (output) lines.push(l10n.t('Results: {0}', output));
    if (errors) lines.push(l10n.t('Errors: {0}', errors));
    if (status === 'cancelled') lines.push(l10n.t('Run the same command again to carry on where this stopped.'));
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  if (status === 'cancelled') return EXIT_INTERRUPTED;
  return summary.failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

/** `batch-studio run <file>`: every request to a synchronous API, rate-limited, journalled, resumable. */
export function registerRunCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('run')
      .description(l10n.t('Run a batch file request by request against a synchronous API (OpenAI-compatible; Anthropic or Gemini for their files), resumably (exit 0: all succeeded, 1: any failed or the file is invalid, 2: usage, 130: interrupted)'))
      .argument('<file>', l10n.t('batch JSONL file to run')),
  )
    .option('--concurrency <n>', l10n.t("requests in flight at once (default: the profile's, else 8)"), positiveInteger('--concurrency'))
    .option('--rpm <n>', l10n.t('requests per minute to stay under'), positiveInteger('--rpm'))
    .option('--tpm <n>', l10n.t('tokens per minute to stay under (prompt estimate + max output)'), positiveInteger('--tpm'))
    .option('--max-attempts <n>', l10n.t('attempts per request, the first included (default 5)'), positiveInteger('--max-attempts'))
    .option('--timeout-seconds <n>', l10n.t('wait for one answer at most this long (default 600)'), positive('--timeout-seconds'))
    .option('--out <dir>', l10n.t('write the results and errors files here instead of beside the input'))
    .action(async (file: string, flags: RunFlags) => {
      // A run allocates a little per request for hours while it keeps little: V8 otherwise lets garbage grow
      // to about four times what is live before it collects (220 MB at 800 requests/s for 25 MB live, against
      // 137 MB so), and grows its young generation to 32 MB (kept at its first 2 MB: 20 MB less at the peak,
      // about a sixth fewer requests a second when the CPU is the limit). Rate limits, not the CPU, set a
      // run's pace, so memory is the better bargain.
      setFlagsFromString('--optimize-for-size');
      setFlagsFromString('--semi-space-growth-factor=1');
      const { profile, apiKey } = runProfile(flags);
      const run = new DirectRun({
        inputPath: file,
        outDir: flags.out,
        ...createRunClient(profile, apiKey),
        concurrency: flags.concurrency ?? profile.concurrency,
        rpm: flags.rpm ?? profile.rpm,
        tpm: flags.tpm ?? profile.tpm,
        maxAttempts: flags.maxAttempts ?? profile.maxAttempts,
        timeoutSeconds: flags.timeoutSeconds ?? profile.timeoutSeconds,
        secrets: [apiKey],
        schedule: profile.schedule,
      });
      const interrupt = interruptSignal();
      interrupt.signal.addEventListener('abort', () => run.cancel(), { once: true });
      const stopProgress = showProgress(run);
      try {
        setExitCode(report(await run.run(), flags));
      } catch (error) {
        if (!(error instanceof RunInputError)) throw error;
        process.stderr.write(`batch-studio run: ${l10n.t('not run: {0}: {1}', file, error.message)}\n`);
        setExitCode(EXIT_FAILURE);
      } finally {
        stopProgress();
        interrupt.dispose();
      }
    });
}
