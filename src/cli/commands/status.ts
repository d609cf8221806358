import * as l10n from '@vscode/l10n';
import type { Command } from 'commander';
import { mergeRemote } from '../../core/jobs/batchPoller';
import type { Job } from '../../core/jobs/job';
import { terminalText } from '../../core/text/terminalText';
import { statusLabel } from '../../core/jobs/jobPresentation';
import { EXIT_OK } from '../exitCodes';
import { addConnectionOptions, connect, reportProviderError, type CliConnection, type ConnectionFlags } from './submit';

/**
 * The batch as the provider reports it now, keeping what only this machine knows (source file, group);
 * a job this machine recorded is updated in its list.
 */
export async function refreshJob(connection: CliConnection, id: string): Promise<Job> {
  const fresh = await connection.provider.retrieveBatch(id);
  const known = connection.jobStore.get(connection.profile.name, id);
  if (!known) return fresh;
  const job = mergeRemote(known, fresh);
  await connection.jobStore.upsert(job);
  return job;
}

export function statusJson(job: Job) {
  return {
    batch_id: job.id,
    status: job.status,
    endpoint: job.endpoint,
    model: job.model ?? null,
    request_counts: job.requestCounts,
    input_file_id: job.inputFileId ?? null,
    output_file_id: job.outputFileId ?? null,
    error_file_id: job.errorFileId ?? null,
    created_at: job.createdAt,
    errors: job.errors ?? [],
    metadata: job.metadata ?? {},
    usage: job.usage ?? null,
    success_rate: job.successRate ?? null,
    processing_time: job.processingTimeSeconds ?? null,
    callback_url: job.callbackUrl ?? null,
  };
}

/**
 * Every field is the server's text: control characters are shown escaped, never sent to the terminal. The
 * first line names the status in words; the last line is its code as the provider names it (scripts read it).
 */
export function statusText(job: Job): string {
  const counts = job.requestCounts;
  const t = terminalText;
  const lines = [
    `${t(job.id)}: ${statusLabel(job.status)}`,
    `  ${l10n.t('requests: {0} completed, {1} failed, {2} total', counts.completed, counts.failed, counts.total)}`,
    `  ${job.model ? l10n.t('endpoint: {0}, model {1}', t(job.endpoint), t(job.model)) : l10n.t('endpoint: {0}', t(job.endpoint))}`,
  ];
  if (job.successRate !== undefined) lines.push(`  ${l10n.t('success rate: {0}', `${(100 * job.successRate).toFixed(1)}%`)}`);
  if (job.processingTimeSeconds !== undefined) lines.push(`  ${l10n.t('processing time: {0} s', job.processingTimeSeconds.toFixed(1))}`);
  if (job.usage) lines.push(`  ${l10n.t('tokens: {0} prompt, {1} completion, {2} total', job.usage.inputTokens, job.usage.outputTokens, job.usage.totalTokens)}`);
  if (job.callbackUrl) lines.push(`  ${l10n.t('callback: {0}', t(job.callbackUrl))}`);
  if (job.outputFileId) lines.push(`  ${l10n.t('output file: {0}', t(job.outputFileId))}`);
  if (job.errorFileId) lines.push(`  ${l10n.t('error file: {0}', t(job.errorFileId))}`);
  for (const error of job.errors ?? []) {
    lines.push(`  ${error.line !== undefined ? l10n.t('error {0} (line {1}): {2}', t(error.code), error.line, t(error.message)) : l10n.t('error {0}: {1}', t(error.code), t(error.message))}`);
  }
  lines.push(t(job.status));
  return `${lines.join('\n')}\n`;
}

/** `batch-studio status <batch-id>`: the batch as the provider reports it now; its status is the last line. */
export function registerStatusCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('status')
      .description(l10n.t("Show a batch's status (exit 0: shown, 1: the provider refused or failed, 2: usage error)"))
      .argument('<batch-id>', l10n.t('the batch (or job) id submit printed')),
  ).action(async (id: string, flags: ConnectionFlags) => {
    const connection = connect(flags, process.env, { batchId: id });
    try {
      const job = await refreshJob(connection, id);
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(statusJson(job))}\n` : statusText(job));
      setExitCode(EXIT_OK);
    } catch (error) {
      setExitCode(reportProviderError('status', error, connection, flags));
    }
  });
}
