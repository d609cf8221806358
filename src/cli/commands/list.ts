import * as l10n from '@vscode/l10n';
import { InvalidArgumentError, type Command } from 'commander';
import { isTerminalStatus, type Job } from '../../core/jobs/job';
import { statusLabel } from '../../core/jobs/jobPresentation';
import { EXIT_OK } from '../exitCodes';
import { terminalText } from '../../core/text/terminalText';
import { addConnectionOptions, choosesProfile, cliJobStore, connect, reportProviderError, resolveProfile, type ConnectionFlags } from './submit';

interface ListFlags extends ConnectionFlags {
  active?: boolean;
  remote?: boolean;
  limit: number;
}

function listJson(job: Job) {
  return {
    batch_id: job.id,
    profile: job.profile,
    status: job.status,
    request_counts: job.requestCounts,
    created_at: job.createdAt,
    source_file: job.sourceFile ?? null,
  };
}

/** `id  status  done/total  created  profile  source`, one job a line. */
function listLine(job: Job): string {
  const { total, completed, failed } = job.requestCounts;
  const counts = failed ? l10n.t('{0}/{1} ({2} failed)', completed + failed, total, failed) : `${completed + failed}/${total}`;
  const created = new Date(job.createdAt * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return [job.id, statusLabel(job.status), counts, created, job.profile, job.sourceFile ?? ''].map(terminalText).join('\t').trimEnd();
}

function parseLimit(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 100) throw new InvalidArgumentError(l10n.t('--limit must be an integer from 1 to 100.'));
  return value;
}

/** `batch-studio list`: the jobs this machine knows (newest first), or with `--remote` the provider's recent batches. */
export function registerListCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program.command('list').description(l10n.t('List the batches this machine submitted, newest first (exit 0, 1: the provider refused --remote, 2: usage error)')),
  )
    .option('--active', l10n.t('only batches that have not ended'))
    .option('--remote', l10n.t("the provider's recent batches instead (needs the profile's key)"))
    .option('--limit <n>', l10n.t('with --remote: how many (1 to 100)'), parseLimit, 20)
    .action(async (flags: ListFlags) => {
      let jobs: Job[];
      if (flags.remote) {
        const connection = connect(flags, process.env);
        try {
          jobs = (await connection.provider.listBatches({ limit: flags.limit })).jobs;
        } catch (error) {
          setExitCode(reportProviderError('list', error, connection, flags));
          return;
        }
      } else {
        // A profile chosen on the command line narrows the list; without one, every profile's jobs are shown.
        const profile = choosesProfile(flags) ? resolveProfile(flags, process.env).name : undefined;
        jobs = cliJobStore(process.env)
          .all()
          .filter((job) => profile === undefined || job.profile === profile);
      }
      if (flags.active) jobs = jobs.filter((job) => !isTerminalStatus(job.status));
      process.stdout.write(flags.format === 'json' ? `${JSON.stringify({ jobs: jobs.map(listJson) })}\n` : jobs.map((job) => `${listLine(job)}\n`).join(''));
      setExitCode(EXIT_OK);
    });
}
