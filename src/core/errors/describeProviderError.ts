import * as l10n from '@vscode/l10n';
import { basename } from 'node:path';
import type { Job } from '../jobs/job';
import { apiErrorOf, isAbort, isConnectionError, retryAfterMs, statusOf } from '../providers/httpErrors';
import { MissingApiKeyError } from '../providers/openaiClient';
import { redactSecrets } from '../providers/redaction';
import type { BatchFileReport } from '../validation';
import { CreateOutcomeUnknownError } from '../submit/createBatchOnce';
import { UnsplittableLineError } from '../submit/splitPlan';
import { PartialSubmissionError } from '../submit/submitBatchFile';
import { errorMessage } from './errorText';

/** What the user was doing when the provider failed: the message says what failed and what to do next. */
export type ProviderOperation = 'submit' | 'cancel' | 'import' | 'download' | 'status' | 'poll' | 'run';

/** Per operation: what failed, and the advice's closing step ("…, then submit again"), in the message language. */
function operationWords(operation: ProviderOperation): { failed: string; again: string; cancelled: string } {
  switch (operation) {
    case 'submit':
      return { failed: l10n.t('Submission failed'), again: l10n.t('submit again'), cancelled: l10n.t('Submission cancelled. Nothing more was sent.') };
    case 'cancel':
      return { failed: l10n.t('Cancelling failed'), again: l10n.t('cancel the batch again'), cancelled: l10n.t('Stopped before the batch was cancelled.') };
    case 'import':
      return { failed: l10n.t('Importing failed'), again: l10n.t('import again'), cancelled: l10n.t('Import stopped.') };
    case 'download':
      return { failed: l10n.t('Downloading failed'), again: l10n.t('download again'), cancelled: l10n.t('Download stopped.') };
    case 'status':
      return { failed: l10n.t('The status check failed'), again: l10n.t('check the status again'), cancelled: l10n.t('Status check stopped.') };
    case 'poll':
      return { failed: l10n.t('Checking the jobs failed'), again: l10n.t('refresh the Jobs view'), cancelled: l10n.t('Checking stopped.') };
    case 'run':
      return { failed: l10n.t('The run failed'), again: l10n.t('resume the run'), cancelled: l10n.t('Run stopped; the answers so far are kept.') };
  }
}

/**
 * What the UI offers next to the message:
 * `set-api-key` (Set API Key), `retry` (the same operation again now), `retry-later` (after `retryAfterSeconds` when known),
 * `show-problems` (open the file's problems, `line` when known), `check-profile` (base URL, deployment,
 * organisation or billing), `none`.
 */
export type ProviderErrorAction = 'set-api-key' | 'retry' | 'retry-later' | 'show-problems' | 'check-profile' | 'none';

export interface ProviderErrorDescription {
  /** One or two sentences for the user: what happened and what to do. Never carries a key. */
  message: string;
  action: ProviderErrorAction;
  /** 1-based line of the input file the problem is on, when known. */
  line?: number;
  retryAfterSeconds?: number;
  /** The provider's request id, for a support ticket. */
  requestId?: string;
  /** The raw error for the log: type, status, code, request id and the provider's message, redacted. */
  logDetail: string;
}

export interface DescribeContext {
  profileName?: string;
  /** The failed batch, when the provider failed it after creation (its `errors` name lines). */
  job?: Job;
  /** The validation report of the submitted file (its model, for "model not found"). */
  report?: BatchFileReport;
  /** Secrets to remove from every string (the key in use); key-shaped strings are removed regardless. */
  secrets?: readonly (string | undefined)[];
}

function providerCode(error: unknown): string | undefined {
  return apiErrorOf(error)?.code;
}

/** The raw facts of an error for the log line (the caller writes it; it is already redacted). */
function logDetailOf(error: unknown): string {
  const parts = [error instanceof Error ? error.name : typeof error];
  const facts = apiErrorOf(error);
  if (facts) {
    if (facts.status !== undefined) parts.push(`status=${facts.status}`);
    if (facts.code) parts.push(`code=${facts.code}`);
    if (facts.param) parts.push(`param=${facts.param}`);
    if (facts.requestID) parts.push(`request_id=${facts.requestID}`);
  }
  parts.push(errorMessage(error));
  const cause = error instanceof Error && error.cause !== undefined ? ` (cause: ${logDetailOf(error.cause)})` : '';
  return parts.join(' ') + cause;
}

function seconds(ms: number | undefined): number | undefined {
  return ms === undefined ? undefined : Math.max(1, Math.ceil(ms / 1000));
}

/** "line 3" from a failed batch's errors, for a code. */
function lineOf(job: Job | undefined, code: string): number | undefined {
  return job?.errors?.find((error) => error.code === code && error.line !== undefined)?.line;
}

/** Node's network error codes in words: the real cause of "Connection error.", which was only in the log. */
const NETWORK_CAUSES: Record<string, (host: string) => string> = {
  ENOTFOUND: (host) => `the address ${host} was not found`,
  EAI_AGAIN: (host) => `the address ${host} could not be looked up`,
  ECONNREFUSED: (host) => `${host} refused the connection`,
  ECONNRESET: (host) => `${host} dropped the connection`,
  ETIMEDOUT: (host) => `${host} did not answer in time`,
  EHOSTUNREACH: (host) => `${host} cannot be reached from this network`,
  CERT_HAS_EXPIRED: (host) => `the TLS certificate of ${host} has expired`,
  DEPTH_ZERO_SELF_SIGNED_CERT: (host) => `${host} presented a self-signed TLS certificate`,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (host) => `the TLS certificate of ${host} could not be verified`,
};

/** The innermost network cause of a connection error, as words and its code; only the host name is taken from it. */
function networkCause(error: unknown): string | undefined {
  for (let cause: unknown = error, depth = 0; cause && depth < 5; cause = (cause as { cause?: unknown }).cause, depth++) {
    const { code, hostname } = cause as { code?: unknown; hostname?: unknown };
    const words = typeof code === 'string' ? NETWORK_CAUSES[code] : undefined;
    if (words) return `${words(typeof hostname === 'string' && /^[\w.-]+$/.test(hostname) ? hostname : 'the server')} (${code})`;
  }
  return undefined;
}

/**
 * Turns anything a provider call can throw (SDK errors, connection failures, our own errors) or a batch the
 * provider failed (`context.job`) into a message for `operation` that says what to do, plus a
 * machine-readable action. Every string in the answer has been redacted: the key never appears, even when a
 * server echoes it.
 */
export function describeProviderError(operation: ProviderOperation, error: unknown, context: DescribeContext = {}): ProviderErrorDescription {
  const described = describe(operation, error, context);
  const redact = (text: string) => redactSecrets(text, context.secrets ?? []);
  return { ...described, message: redact(described.message), logDetail: redact(logDetailOf(error)) };
}

function describe(operation: ProviderOperation, error: unknown, context: DescribeContext): Omit<ProviderErrorDescription, 'logDetail'> {
  if (error instanceof PartialSubmissionError) return describePartial(error, context);
  const words = operationWords(operation);
  const submitting = operation === 'submit';
  const profile = context.profileName ? l10n.t('profile "{0}"', context.profileName) : l10n.t('this profile');
  const requestId = apiErrorOf(error)?.requestID;
  const status = statusOf(error);
  const code = providerCode(error) ?? context.job?.errors?.[0]?.code;
  const text = `${errorMessage(error)} ${context.job?.errors?.map((entry) => entry.message).join(' ') ?? ''}`;

  if (isAbort(error)) return { message: words.cancelled, action: 'none' };
  if (error instanceof MissingApiKeyError || status === 401) {
    return {
      message:
        operation === 'poll'
          ? l10n.t('The provider did not accept the API key for {0}{1}. Set the API key for this profile: checking resumes when it is set.', profile, status ? ` (HTTP ${status})` : '')
          : l10n.t('The provider did not accept the API key for {0}{1}. Set the API key for this profile, then {2}.', profile, status ? ` (HTTP ${status})` : '', words.again),
      action: 'set-api-key',
      requestId,
    };
  }
  if (submitting && (code === 'model_not_found' || (status === 404 && /model|deployment/i.test(text)))) {
    const line = lineOf(context.job, 'model_not_found');
    const model = context.report?.model ?? context.job?.model;
    const where = line !== undefined ? l10n.t(' (line {0})', line) : model ? l10n.t(' (body.model, on every line)') : '';
    return {
      message: model
        ? l10n.t('The model "{0}" was not found{1}. Use a model your account can use (Azure: the deployment name), then submit again.', model, where)
        : l10n.t('The model was not found{0}. Use a model your account can use (Azure: the deployment name), then submit again.', where),
      action: line !== undefined || model ? 'show-problems' : 'check-profile',
      line: line ?? (model ? 1 : undefined),
      requestId,
    };
  }
  if (submitting && (code === 'token_limit_exceeded' || /enqueued token limit/i.test(text))) {
    return {
      message: l10n.t(
        "The model's enqueued-token limit is reached: the prompt tokens of your batches still waiting for this model would exceed what the provider queues at once. Submit again when some of them have finished (watch them in the Jobs view), or split the file into smaller parts.",
      ),
      action: 'retry-later',
      requestId,
    };
  }
  if (status === 429) {
    const retryAfterSeconds = seconds(retryAfterMs(error));
    if (code === 'insufficient_quota') {
      return { message: l10n.t('The account of {0} has no quota left. Check its plan and billing, then {1}.', profile, words.again), action: 'check-profile', requestId };
    }
    return {
      message: retryAfterSeconds
        ? l10n.t('The provider is rate limiting requests. Try again in {0} s.', retryAfterSeconds)
        : l10n.t('The provider is rate limiting requests. Try again in a minute.'),
      action: 'retry-later',
      retryAfterSeconds,
      requestId,
    };
  }
  // Only a create can be unsure whether it happened; submit then searches for the batch before creating another.
  const safely = submitting ? l10n.t(': submit looks for a batch that was already created before creating another') : '';
  if (error instanceof CreateOutcomeUnknownError) {
    return {
      message: l10n.t('The connection failed while the batch was being created, and this provider cannot be asked whether it was. Check its jobs before submitting again.'),
      action: 'check-profile',
    };
  }
  if (isConnectionError(error)) {
    const why = networkCause(error) ?? (/timed? ?out/i.test(text) ? l10n.t('the request timed out') : l10n.t('no answer'));
    return {
      message: l10n.t('Could not reach the provider of {0} ({1}). Check the network and the base URL, then {2}{3}.', profile, why, words.again, safely),
      action: 'retry',
    };
  }
  if (status !== undefined && status >= 500) {
    return {
      message: l10n.t('The provider failed (HTTP {0}). In a moment, {1}{2}.', status, words.again, safely),
      action: 'retry',
      requestId,
    };
  }
  if (status === 403) return { message: l10n.t("The key of {0} may not do this (HTTP 403). Check the profile's organisation or project and the key's permissions.", profile), action: 'check-profile', requestId };
  if (status === 404 && operation === 'download') {
    return { message: l10n.t('The result files are no longer on the provider (batch files expire, by default after 30 days).'), action: 'none', requestId };
  }
  if (status === 404 && (operation === 'cancel' || operation === 'status')) {
    return { message: l10n.t('The provider of {0} does not know this batch (HTTP 404): it may belong to another account or profile.', profile), action: 'check-profile', requestId };
  }
  if (status === 404) return { message: l10n.t('The provider does not know this address (HTTP 404). Check the base URL of {0}.', profile), action: 'check-profile', requestId };
  if (error instanceof UnsplittableLineError) return { message: `${error.message} ${l10n.t('Shorten that request.')}`, action: 'show-problems', line: error.line };
  if (submitting && context.job?.errors?.length) {
    const first = context.job.errors[0];
    return {
      message: l10n.t('The provider failed the batch: {0}{1}. Fix the file and submit again.', first.message, first.line !== undefined ? l10n.t(' (line {0})', first.line) : ''),
      action: 'show-problems',
      line: first.line,
    };
  }
  return { message: `${words.failed}: ${errorMessage(error)}`, action: status !== undefined && status < 500 ? 'none' : 'retry', requestId };
}

/**
 * Some parts of a split were created: the part's own error, plus which parts went and which file to send
 * next. Never "retry" (that re-runs the whole file, and the submitted parts would be billed twice).
 */
function describePartial(error: PartialSubmissionError, context: DescribeContext): Omit<ProviderErrorDescription, 'logDetail'> {
  const inner = describe('submit', error.cause, context);
  const done = error.submitted.length;
  const next = error.remainingFiles.map((file) => basename(file));
  const ids = error.submitted.map((job) => job.id).join(', ');
  const submitted =
    done > 1
      ? l10n.t('Parts 1-{0} of {1} were submitted and recorded ({2}); part {3} was not.', done, error.parts, ids, done + 1)
      : l10n.t('Part 1 of {0} was submitted and recorded ({1}); part 2 was not.', error.parts, ids);
  const files = next.length > 1 ? l10n.t('{0} and then {1}', next[0], next.slice(1).join(', ')) : next[0];
  return {
    message: `${submitted} ${inner.message} ${l10n.t('To finish, submit {0}, not the whole file: that would bill the submitted parts again.', files)}`,
    action: inner.action === 'retry' || inner.action === 'show-problems' ? 'none' : inner.action,
    retryAfterSeconds: inner.retryAfterSeconds,
    requestId: inner.requestId,
  };
}
