import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import type { Command } from 'commander';
import { ensureResultFiles, resultPathsFor } from '../../core/jobs/jobResultFiles';
import { EXIT_FAILURE, EXIT_OK } from '../exitCodes';
import { refreshJob } from './status';
import { terminalText } from '../../core/text/terminalText';
import { addConnectionOptions, cliDownloadRegistry, connect, reportProviderError, type ConnectionFlags } from './submit';

interface DownloadFlags extends ConnectionFlags {
  out?: string;
  force?: boolean;
}

/** `batch-studio download <batch-id>`: the batch's output and error files, named as the extension names them. */
export function registerDownloadCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('download')
      .description(l10n.t("Download a batch's output and error files and print their paths (exit 0: downloaded, 1: no files yet, refused, or a changed file kept, 2: usage error)"))
      .argument('<batch-id>', l10n.t('the batch (or job) id submit printed')),
  )
    .option('--out <dir>', l10n.t('folder to write into (default: beside the input when this machine submitted it, else the current folder)'))
    .option('--force', l10n.t('overwrite a result file that was changed since it was downloaded'))
    .action(async (id: string, flags: DownloadFlags) => {
      const connection = connect(flags, process.env, { batchId: id });
      try {
        const job = await refreshJob(connection, id);
        if (!job.outputFileId && !job.errorFileId) {
          const noFiles = l10n.t('{0} has no result files (status: {1})', job.id, job.status);
          const message = job.status === 'completed' ? noFiles : l10n.t('{0}; {1} waits for it to end', noFiles, `batch-studio watch ${job.id}`);
          if (flags.format === 'json') process.stdout.write(`${JSON.stringify({ error: { code: 'no_result_files', message, status: job.status } })}\n`);
          else process.stderr.write(`batch-studio download: ${terminalText(message)}\n`);
          setExitCode(EXIT_FAILURE);
          return;
        }
        const paths = resultPathsFor(job, process.cwd(), flags.out && path.resolve(flags.out));
        const files = await ensureResultFiles(job, connection.provider, paths, cliDownloadRegistry(process.env), { confirmOverwrite: async () => flags.force === true });
        for (const kept of files.kept) process.stderr.write(`batch-studio download: ${l10n.t('kept {0}: it was changed since it was downloaded; --force overwrites it', kept)}\n`);
        if (flags.format === 'json') {
          process.stdout.write(`${JSON.stringify({ batch_id: job.id, output: files.output ?? null, errors: files.errors ?? null, kept: files.kept })}\n`);
        } else {
          for (const file of [files.output, files.errors]) if (file) process.stdout.write(`${file}\n`);
        }
        setExitCode(files.kept.length ? EXIT_FAILURE : EXIT_OK);
      } catch (error) {
        setExitCode(reportProviderError('download', error, connection, flags));
      }
    });
}
