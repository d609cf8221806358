import type { Command } from 'commander';
import { mergeRemote } from '../../core/jobs/batchPoller';
import type { Job } from '../../core/jobs/job';
import { terminalText } from '../../core/text/terminalText';
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

/** Every field is the server's text: control characters are shown escaped, never sent to the terminal. */
export function statusText(job: Job): string {
  const counts = job.requestCounts;
  const t = terminalText;
  const lines = [
    `${t(job.id)}: ${t(job.status)}`,
    `  requests: ${counts.completed} completed, ${counts.failed} failed, ${counts.total} total`,
    `  endpoint: ${t(job.endpoint)}${job.model ? `, model ${t(job.model)}` : ''}`,
  ];
  if (job.successRate !== undefined) lines.push(`  success rate: ${(100 * job.successRate).toFixed(1)}%`);
  if (job.processingTimeSeconds !== undefined) lines.push(`  processing time: ${job.processingTimeSeconds.toFixed(1)} s`);
  if (job.usage) lines.push(`  tokens: ${job.usage.inputTokens} prompt, ${job.usage.outputTokens} completion, ${job.usage.totalTokens} total`);
  if (job.callbackUrl) lines.push(`  callback: ${t(job.callbackUrl)}`);
  if (job.outputFileId) lines.push(`  output file: ${t(job.outputFileId)}`);
  if (job.errorFileId) lines.push(`  error file: ${t(job.errorFileId)}`);
  for (const error of job.errors ?? []) lines.push(`  error ${t(error.code)}${error.line !== undefined ? ` (line ${error.line})` : ''}: ${t(error.message)}`);
  lines.push(t(job.status));
  return `${lines.join('\n')}\n`;
}

/** `batch-studio status <batch-id>`: the batch as the provider reports it now; its status is the last line. */
export function registerStatusCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('status')
      .description('Show a batch\'s status (exit 0: shown, 1: the provider refused or failed, 2: usage error)')
      .argument('<batch-id>', 'the batch (or job) id submit printed'),
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
