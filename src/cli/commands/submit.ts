import * as l10n from '@vscode/l10n';
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { Job } from '../../core/jobs/job';
import { JobStore } from '../../core/jobs/jobStore';
import {
  apiKeyFromEnvironment,
  apiKeyVariables,
  createProvider,
  dialectOfBatchId,
  emulatorProfileFor,
  needsApiKey,
  parseProfiles,
  selectProfile,
  type BatchProvider,
  type Profile,
  type ProfileKind,
  type SeedMode,
} from '../../core/providers';
import { JsonFileJobStorage } from '../../core/jobs/jsonFileJobStorage';
import { JsonFileDownloadRegistry } from '../../core/jobs/jsonFileDownloadRegistry';
import { checkUserMetadata, submitBatchFile, type SubmitResult } from '../../core/submit';
import { describeFileError, describeProviderError, errorMessage, type ProviderOperation } from '../../core/errors';
import { readFileDialect, type DialectName } from '../../core/dialects';
import type { BatchDiagnostic } from '../../core/validation';
import { terminalText } from '../../core/text/terminalText';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { DEFAULT_WATCH_INTERVAL_SECONDS, parseIntervalSeconds, watchAndReport } from './watch';

/** Flags every command that talks to a provider shares (`submit`, `status`). */
export interface ConnectionFlags {
  profile?: string;
  profiles?: string;
  baseUrl?: string;
  kind?: ProfileKind;
  mode?: SeedMode;
  format: 'text' | 'json';
}

/** A provider ready to use, with what the command needs around it. */
export interface CliConnection {
  profile: Profile;
  provider: BatchProvider;
  apiKey?: string;
  jobStore: JobStore;
}

/** A corrupt list of this CLI's is moved aside and named on stderr: the run goes on with a new one. */
function warnOnStderr(message: string): void {
  process.stderr.write(`batch-studio: ${l10n.t('warning: {0}', message)}\n`);
}

/** The CLI's job list (shared by every command and profile). */
export function cliJobStore(env: NodeJS.ProcessEnv): JobStore {
  return new JobStore(new JsonFileJobStorage(join(cliDataDir(env), 'jobs.json'), warnOnStderr));
}

/** Which provider file each downloaded result path holds, and the job it came from. */
export function cliDownloadRegistry(env: NodeJS.ProcessEnv): JsonFileDownloadRegistry {
  return new JsonFileDownloadRegistry(join(cliDataDir(env), 'downloads.json'), warnOnStderr);
}

/** A problem with how the command was called: one line on stderr, exit 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** The options that choose a profile: every command has them. */
export function addProfileOptions(command: Command): Command {
  return command
    .option('--profile <name>', l10n.t('profile to use (from --profiles, or a built-in one)'))
    .option('--profiles <file>', l10n.t('JSON file with an array of profiles, shaped like the batchStudio.profiles setting (default: $BATCH_STUDIO_PROFILES)'))
    .option('--base-url <url>', l10n.t('provider base URL, e.g. http://127.0.0.1:8080/v1 (with --kind, no profile is needed)'))
    .addOption(new Option('--kind <kind>', l10n.t('provider kind')).choices(['openai', 'azure', 'seed', 'emulator', 'direct', 'anthropic', 'gemini']))
    .addOption(new Option('--mode <mode>', l10n.t('seed kind: which API')).choices(['sync', 'jobs', 'files']));
}

export function addConnectionOptions(command: Command): Command {
  return addProfileOptions(command).addOption(new Option('--format <format>', l10n.t('output format')).choices(['text', 'json']).default('text'));
}

/** True when the command line names a profile (otherwise commands that can work without one do). */
export function choosesProfile(flags: Omit<ConnectionFlags, 'format'>): boolean {
  return [flags.profile, flags.baseUrl, flags.kind, flags.mode].some((value) => value !== undefined);
}

/** Where the CLI keeps its job list and the seed APIs' results: $BATCH_STUDIO_DATA_DIR or ~/.batch-studio. */
export function cliDataDir(env: NodeJS.ProcessEnv): string {
  return env.BATCH_STUDIO_DATA_DIR || join(homedir(), '.batch-studio');
}

function readProfilesFile(path: string): Profile[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new UsageError(l10n.t('cannot read profiles file {0}: {1}', path, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
  try {
    return parseProfiles(JSON.parse(text));
  } catch (error) {
    throw new UsageError(l10n.t('profiles file {0}: {1}', path, errorMessage(error)));
  }
}

/** The profile the flags and environment describe, no key needed; throws {@link UsageError}. */
export function resolveProfile(flags: Omit<ConnectionFlags, 'format'>, env: NodeJS.ProcessEnv): Profile {
  const profilesFile = flags.profiles ?? env.BATCH_STUDIO_PROFILES;
  const profiles = profilesFile ? readProfilesFile(profilesFile) : [];
  try {
    return selectProfile(profiles, { name: flags.profile, baseUrl: flags.baseUrl, kind: flags.kind, mode: flags.mode });
  } catch (error) {
    throw new UsageError(errorMessage(error));
  }
}

/**
 * The profile and key the flags and environment describe; throws {@link UsageError}. An emulator profile takes
 * the API of `target` (the file submitted, the batch asked about): the emulator serves all.
 */
export function chooseProfile(flags: Omit<ConnectionFlags, 'format'>, env: NodeJS.ProcessEnv, target: ConnectionTarget = {}): { profile: Profile; apiKey?: string } {
  const dialect = target.dialect ?? (target.batchId === undefined ? undefined : dialectOfBatchId(target.batchId));
  const profile = emulatorProfileFor(resolveProfile(flags, env), dialect);
  const apiKey = apiKeyFromEnvironment(profile, env)?.apiKey;
  if (!apiKey && needsApiKey(profile)) {
    throw new UsageError(l10n.t('no API key for profile "{0}": set {1}', profile.name, apiKeyVariables(profile).join(l10n.t(' or '))));
  }
  return { profile, apiKey };
}

/** What a command works on, when it says which API an emulator profile should speak. */
export interface ConnectionTarget {
  dialect?: DialectName;
  batchId?: string;
}

/** The profile, key and provider the flags and environment describe; throws {@link UsageError}. */
export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv, target: ConnectionTarget = {}): CliConnection {
  const { profile, apiKey } = chooseProfile(flags, env, target);
  if (profile.kind === 'direct') throw new UsageError(l10n.t('profile "{0}" has no Batch API (kind direct): run the file with `batch-studio run`', profile.name));
  const dataDir = cliDataDir(env);
  const provider = createProvider(profile, apiKey, { dataDir: join(dataDir, 'local-batches') });
  const jobStore = cliJobStore(env);
  return { profile, provider, apiKey, jobStore };
}

/** `path:line:col: severity code: message`, as `validate` prints them. */
function diagnosticLine(path: string, diagnostic: BatchDiagnostic): string {
  return `${path}:${diagnostic.line + 1}:${diagnostic.column + 1}: ${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`;
}

function describeExisting(job: Job): string {
  const when = new Date(job.createdAt * 1000).toISOString();
  return job.sourceFile ? l10n.t('batch {0} ({1}, created {2} from {3})', job.id, job.status, when, job.sourceFile) : l10n.t('batch {0} ({1}, created {2})', job.id, job.status, when);
}

interface SubmitFlags extends ConnectionFlags {
  force?: boolean;
  split?: boolean;
  metadata?: Record<string, string>;
  callbackUrl?: string;
  maxRequestsPerPart?: number;
  watch?: boolean;
  interval: number;
}

/** Writes the outcome; returns the exit code. */
function report(result: SubmitResult, file: string, flags: SubmitFlags): number {
  const json = flags.format === 'json';
  const print = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
  switch (result.outcome) {
    case 'invalid': {
      const { errors, report: fileReport } = result.check;
      const shown = errors.length > 0 ? errors : fileReport.diagnostics;
      if (json) {
        print({ error: { code: 'invalid', message: l10n.t('{0} has {1} error(s)', file, errors.length), diagnostics: shown.map((d) => ({ ...d, line: d.line + 1, column: d.column + 1, endLine: d.endLine + 1, endColumn: d.endColumn + 1 })) } });
      } else {
        for (const diagnostic of shown) process.stdout.write(`${diagnosticLine(file, diagnostic)}\n`);
        const reason = errors.length > 0 ? l10n.t('{0} error(s)', errors.length) : fileReport.requests === 0 ? l10n.t('no requests') : l10n.t('no endpoint');
        process.stderr.write(`batch-studio submit: ${l10n.t('not submitted: {0} has {1}; fix them and submit again', file, reason)}\n`);
      }
      return EXIT_FAILURE;
    }
    case 'duplicate': {
      const message = l10n.t('already submitted as {0}; use --force to submit it again', describeExisting(result.existing));
      if (json) print({ error: { code: 'duplicate', message, batch_id: result.existing.id, status: result.existing.status } });
      else process.stderr.write(`batch-studio submit: ${l10n.t('not submitted: {0}', message)}\n`);
      return EXIT_FAILURE;
    }
    case 'needs-split': {
      const message = l10n.t("{0} is over the profile's limits; --split writes {1} parts beside it and submits them as one group", file, result.plan.parts.length);
      if (json) print({ error: { code: 'needs_split', message, parts: result.plan.parts.length } });
      else process.stderr.write(`batch-studio submit: ${l10n.t('not submitted: {0}', message)}\n`);
      return EXIT_FAILURE;
    }
    case 'submitted': {
      const { check, jobs } = result;
      if (json) {
        const entry = (job: Job) => ({ batch_id: job.id, status: job.status, input_file_id: job.inputFileId ?? null, requests: job.requestCounts.total, sha256: job.sha256 ?? null });
        print(jobs.length === 1 ? entry(jobs[0]) : { ...entry(jobs.at(-1)!), group_id: result.groupId, batches: jobs.map(entry) });
      } else {
        const what = check.model ? `${check.endpoint}, ${check.model}` : check.endpoint;
        process.stdout.write(`${l10n.t('Submitted {0} to "{1}": {2} requests, {3}', check.file, check.profile, check.requests, what)}\n`);
        if (result.groupId) process.stdout.write(`${l10n.t('Split into {0} parts (group {1}):', jobs.length, result.groupId)}\n`);
        for (const job of jobs) process.stdout.write(`${job.id}\n`);
      }
      return EXIT_OK;
    }
  }
}

/** `--metadata key=value`, repeatable, into one object. */
function collectMetadata(raw: string, previous: Record<string, string> = {}): Record<string, string> {
  const separator = raw.indexOf('=');
  if (separator <= 0) throw new InvalidArgumentError(l10n.t('--metadata takes key=value, e.g. --metadata description="FAQ answers" (got "{0}").', raw.slice(0, 80)));
  return { ...previous, [raw.slice(0, separator)]: raw.slice(separator + 1) };
}

function parseCallbackUrl(raw: string): string {
  try {
    const url = new URL(raw);
    if (url.protocol === 'http:' || url.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  throw new InvalidArgumentError(l10n.t('--callback-url must be an http(s) URL.'));
}

function parsePartSize(raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new InvalidArgumentError(l10n.t('--max-requests-per-part must be a whole number of requests ≥ 1.'));
  return value;
}

/** `batch-studio submit <file>`: validate, refuse duplicates, upload and create the batch; prints the batch id last. */
export function registerSubmitCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('submit')
      .description(l10n.t('Submit a batch file (exit 0: submitted, 1: invalid, duplicate or refused by the provider, 2: usage error)'))
      .argument('<file>', l10n.t('batch JSONL file to submit')),
  )
    .option('--force', l10n.t('submit even if the same content is already submitted and not failed, cancelled or expired'))
    .option('--split', l10n.t("when the file is over the profile's limits, write parts beside it and submit them as one group"))
    .option('--metadata <key=value>', l10n.t('batch metadata of your own (repeatable), e.g. --metadata description="FAQ answers"; merged over the profile\'s'), collectMetadata)
    .option('--callback-url <url>', l10n.t("seed jobs mode: the URL the server POSTs the finished job to (default: the profile's callbackUrl)"), parseCallbackUrl)
    .option('--max-requests-per-part <n>', l10n.t("split into parts of at most N requests (below the provider's limits; OpenAI recommends smaller batches for faster turnaround), submitted as one group"), parsePartSize)
    .option('--watch', l10n.t('then wait for the batch to end, as batch-studio watch does (exit codes as watch)'))
    .option('--interval <seconds>', l10n.t('with --watch: the shortest wait between two status checks'), parseIntervalSeconds, DEFAULT_WATCH_INTERVAL_SECONDS)
    .action(async (file: string, flags: SubmitFlags) => {
      const connection = connect(flags, process.env, { dialect: await readFileDialect(file) });
      const metadata = { ...connection.profile.metadata, ...flags.metadata };
      // Bad metadata is a usage error (exit 2), found before anything is sent.
      checkUserMetadata(metadata);
      try {
        const result = await submitBatchFile(file, {
          provider: connection.provider,
          jobStore: connection.jobStore,
          force: flags.force,
          split: flags.split || flags.maxRequestsPerPart !== undefined,
          apiKey: connection.apiKey,
          ...(Object.keys(metadata).length ? { metadata } : {}),
          ...(flags.callbackUrl ? { callbackUrl: flags.callbackUrl } : {}),
          ...(flags.maxRequestsPerPart ? { maxRequestsPerPart: flags.maxRequestsPerPart } : {}),
        });
        const exitCode = report(result, file, flags);
        if (result.outcome === 'submitted' && flags.watch) {
          setExitCode(await watchAndReport(connection, result.jobs.map((job) => job.id), flags));
          return;
        }
        setExitCode(exitCode);
      } catch (error) {
        setExitCode(reportProviderError('submit', error, connection, flags));
      }
    });
}

/** The commands that talk to a provider, and what each one's failure is called ("Cancelling failed: …"). */
const OPERATION_OF = { submit: 'submit', status: 'status', watch: 'status', download: 'download', list: 'status', cancel: 'cancel' } as const satisfies Record<string, ProviderOperation>;

/** A failure while talking to the provider or reading the file: what to do, then the redacted detail. */
export function reportProviderError(command: keyof typeof OPERATION_OF, error: unknown, connection: CliConnection, flags: ConnectionFlags): number {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
    process.stderr.write(`batch-studio ${command}: ${describeFileError(error)}\n`);
    return EXIT_USAGE;
  }
  const described = describeProviderError(OPERATION_OF[command], error, { profileName: connection.profile.name, secrets: [connection.apiKey] });
  if (flags.format === 'json') {
    process.stdout.write(`${JSON.stringify({ error: { code: described.action, message: described.message, request_id: described.requestId ?? null, detail: described.logDetail } })}\n`);
  } else {
    process.stderr.write(`batch-studio ${command}: ${terminalText(described.message)}\n  (${terminalText(described.logDetail)})\n`);
  }
  return EXIT_FAILURE;
}
