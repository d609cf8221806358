import * as l10n from '@vscode/l10n';
import type { Command } from 'commander';
import { mergeRemote } from '../../core/jobs/batchPoller';
import { EXIT_FAILURE, EXIT_OK } from '../exitCodes';
import { statusJson, statusText } from './status';
import { addConnectionOptions, connect, reportProviderError, type ConnectionFlags } from './submit';

/** `batch-studio cancel <batch-id>`: asks the provider to cancel; the status it answers is the last line. */
export function registerCancelCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('cancel')
      .description(l10n.t('Cancel a batch (exit 0: cancelling or cancelled, 1: refused or cannot be cancelled, 2: usage error)'))
      .argument('<batch-id>', l10n.t('the batch (or job) id submit printed')),
  ).action(async (id: string, flags: ConnectionFlags) => {
    const connection = connect(flags, process.env, { batchId: id });
    if (!connection.provider.capabilities.canCancel) {
      process.stderr.write(`batch-studio cancel: ${l10n.t('profile "{0}" cannot cancel: a seed sync run has finished by the time it has an id', connection.profile.name)}\n`);
      setExitCode(EXIT_FAILURE);
      return;
    }
    try {
      const fresh = await connection.provider.cancelBatch(id);
      const known = connection.jobStore.get(connection.profile.name, id);
      const job = known ? mergeRemote(known, fresh) : fresh;
      if (known) await connection.jobStore.upsert(job);
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify(statusJson(job))}\n` : statusText(job));
      setExitCode(EXIT_OK);
    } catch (error) {
      setExitCode(reportProviderError('cancel', error, connection, flags));
    }
  });
}
