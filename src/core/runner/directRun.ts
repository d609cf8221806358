import * as l10n from '@vscode/l10n';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import PQueue from 'p-queue';
import pRetry from 'p-retry';
import { CustomIdTable } from './customIdTable';
import { journalLineId } from './lineHash';
import { readRateLimitHeaders } from './rateLimitHeaders';
import { RequestPacer, realClock, type PacerClock } from './requestPacer';
import { scheduleHoldUntil, type RunSchedule } from './runSchedule';
import { answersLine, answerSucceeded, dropAnswers, journalPathsFor, readJournal, RunJournal, type JournalPaths, type JournalState } from './runJournal';
import { failureHeaders, isRateLimited, isRetryableFailure } from './sendRequest';
import { runFormatFor, type RunClient } from './runClient';
import { parseRequestLine, RunInputError, type RequestLine, type RunFormat } from './runFormat';

export { RunInputError };

export const DEFAULT_RUN_CONCURRENCY = 8;
export const DEFAULT_MAX_ATTEMPTS = 5;
/** DeepSeek closes a connection whose inference has not started after 10 minutes. */
export const DEFAULT_TIMEOUT_SECONDS = 600;

export interface DirectRunOptions {
  inputPath: string;
  /** Where the results, errors and sent log go; default beside the input. */
  outDir?: string;
  /**
   * The official SDK client for the profile (its own retries are not used): OpenAI's for `{custom_id, url,
   * body}` lines, Anthropic's for `{custom_id, params}`, Google Gen AI's for Gemini's `{key, request}`.
   */
  client: RunClient;
  /** Gemini: the model every line runs on (its lines name none); default `gemini-2.5-flash`. */
  model?: string;
  concurrency?: number;
  rpm?: number;
  tpm?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  timeoutSeconds?: number;
  /** The first retry waits about this long (doubling, with jitter, up to a minute); default 1 s. */
  retryBaseDelayMs?: number;
  /** Removed from any error text written to the journal. */
  secrets?: readonly (string | undefined)[];
  clock?: PacerClock;
  /** Windows in which no request is started (sending resumes when each ends). */
  schedule?: RunSchedule;
}

/** What the run is doing, for a progress line or the Jobs view. */
export type RunState = 'planning' | 'sending' | 'rate-limited' | 'scheduled-pause' | 'paused' | 'cancelling' | 'completed' | 'cancelled';

export interface RunProgress {
  state: RunState;
  /** Requests in the input file. */
  total: number;
  /** Answered (succeeded / failed) over all runs of this input, this one included. */
  succeeded: number;
  failed: number;
  /** Answered before this run started: not sent again. */
  skippedAlreadyDone: number;
  /** In flight when an earlier run stopped: sent again by this one. */
  resent: number;
  /** 429 answers this run received. */
  rateLimited: number;
  inFlight: number;
  /** Tokens the answers of this run used (their `usage`). */
  tokens: number;
  elapsedMs: number;
  requestsPerSecond: number;
  tokensPerSecond: number;
  /** Seconds until every request is answered at the rate so far. */
  etaSeconds?: number;
  /** While rate limited or held by the schedule: when sending resumes (ms since the epoch). */
  resumesAt?: number;
}

export interface RunSummary extends RunProgress {
  paths: JournalPaths;
}

async function* requestLines(inputPath: string, format: RunFormat): AsyncGenerator<RequestLine> {
  let lineNumber = 0;
  for await (const raw of createInterface({ input: createReadStream(inputPath, { encoding: 'utf8' }), crlfDelay: Infinity })) {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() !== '') yield parseRequestLine(format, text, lineNumber);
  }
}

/** True when an earlier run answered this exact line (a downloaded results file answers by custom_id alone). */
function answeredBefore(journal: JournalState, line: RequestLine): boolean {
  const answer = journal.answers.get(line.customId);
  return answer !== undefined && answersLine(answer, line.hash);
}

/**
 * Runs a batch file against a synchronous API: every line goes through the official SDK of its dialect (an
 * OpenAI line's body to its `url`, an Anthropic line's params to the Messages API, a Gemini line's request to
 * `generateContent`; see {@link RunFormat}), at most `concurrency` at once, paced under the RPM/TPM budgets,
 * retried with backoff, each answer appended to the journal as it arrives. Running the same input again resumes: lines already
 * answered are skipped, edited lines run again (their old answers are dropped), and lines that were in
 * flight when the last run stopped are sent again and counted as `resent`.
 */
export class DirectRun {
  private readonly cancelController = new AbortController();
  private readonly queue: PQueue;
  private readonly pacer: RequestPacer;
  private readonly clock: PacerClock;
  private readonly format: RunFormat;
  private readonly listeners = new Set<(progress: RunProgress) => void>();
  private readonly counts = { total: 0, succeeded: 0, failed: 0, skippedAlreadyDone: 0, resent: 0, rateLimited: 0, tokens: 0, answeredNow: 0, todo: 0 };
  private state: RunState = 'planning';
  private startedAt = 0;
  private inFlight = 0;

  constructor(private readonly options: DirectRunOptions) {
    this.clock = options.clock ?? realClock;
    this.format = runFormatFor(options.client, options.model);
    const concurrency = options.concurrency ?? DEFAULT_RUN_CONCURRENCY;
    this.queue = new PQueue({ concurrency });
    const schedule = options.schedule;
    this.pacer = new RequestPacer({ rpm: options.rpm, tpm: options.tpm }, this.clock, schedule ? (now) => scheduleHoldUntil(schedule, now) : undefined);
  }

  get paths(): JournalPaths {
    return journalPathsFor(this.options.inputPath, this.options.outDir);
  }

  onProgress(listener: (progress: RunProgress) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Stops starting requests; those in flight finish and are journalled. */
  pause(): void {
    if (this.state !== 'sending') return;
    this.queue.pause();
    this.state = 'paused';
    this.emit();
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.queue.start();
    this.state = 'sending';
    this.emit();
  }

  /** Stops the run: requests in flight are abandoned (a later run sends them again), the journal is flushed. */
  cancel(): void {
    if (this.state === 'completed' || this.state === 'cancelled' || this.state === 'cancelling') return;
    this.state = 'cancelling';
    this.cancelController.abort();
    this.queue.clear();
    this.queue.start();
    this.emit();
  }

  progress(): RunProgress {
    const now = this.clock.now();
    const elapsedMs = this.startedAt ? now - this.startedAt : 0;
    const seconds = elapsedMs / 1000;
    const c = this.counts;
    const requestsPerSecond = seconds > 0 ? c.answeredNow / seconds : 0;
    const remaining = c.todo - c.answeredNow;
    const heldUntil = this.state === 'sending' ? this.pacer.heldUntil : undefined;
    const limitedUntil = this.state === 'sending' ? this.pacer.rateLimitedUntil : undefined;
    const resumesAt = heldUntil ?? limitedUntil;
    const state: RunState = heldUntil !== undefined ? 'scheduled-pause' : limitedUntil !== undefined ? 'rate-limited' : this.state;
    return {
      state,
      total: c.total,
      succeeded: c.succeeded,
      failed: c.failed,
      skippedAlreadyDone: c.skippedAlreadyDone,
      resent: c.resent,
      rateLimited: c.rateLimited,
      inFlight: this.inFlight,
      tokens: c.tokens,
      elapsedMs,
      requestsPerSecond,
      tokensPerSecond: seconds > 0 ? c.tokens / seconds : 0,
      ...(requestsPerSecond > 0 && remaining > 0 ? { etaSeconds: remaining / requestsPerSecond } : {}),
      ...(resumesAt !== undefined ? { resumesAt } : {}),
    };
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const progress = this.progress();
    for (const listener of this.listeners) listener(progress);
  }

  /** Runs to the end (or to {@link cancel}); rejects on an unreadable input or journal. */
  async run(): Promise<RunSummary> {
    const paths = this.paths;
    const previous = await readJournal(paths);
    await this.plan(previous, paths);
    const journal = await RunJournal.open(paths);
    this.startedAt = this.clock.now();
    if (this.state === 'planning') this.state = 'sending';
    this.emit();
    try {
      for await (const line of requestLines(this.options.inputPath, this.format)) {
        if (this.cancelController.signal.aborted) break;
        if (answeredBefore(previous, line)) continue;
        await this.queue.onSizeLessThan(this.queue.concurrency);
        if (this.cancelController.signal.aborted) break;
        void this.queue.add(() => this.answer(line, journal));
      }
      await this.queue.onIdle();
    } finally {
      const cancelled = this.cancelController.signal.aborted;
      this.state = cancelled ? 'cancelled' : 'completed';
      await journal.close(!cancelled);
    }
    this.emit();
    return { ...this.progress(), paths };
  }

  /** Counts what the input holds against the journal; drops the old answers of edited lines. */
  private async plan(previous: JournalState, paths: JournalPaths): Promise<void> {
    const edited = new Set<string>();
    const seen = new CustomIdTable();
    const c = this.counts;
    for await (const line of requestLines(this.options.inputPath, this.format)) {
      // The tokenizer loads on its first count (about a second): here, before the clock of the run starts.
      if (c.total === 0 && this.pacer.countsTokens) this.format.tokens(line);
      c.total++;
      // The journal knows answers by custom_id: two lines sharing one could never both be answered.
      if (seen.has(line.customId)) throw new RunInputError(l10n.t('custom_id "{0}" appears more than once (request {1}); give every request its own.', line.customId, c.total));
      seen.set(line.customId, c.total);
      const answer = previous.answers.get(line.customId);
      if (answeredBefore(previous, line)) {
        c.skippedAlreadyDone++;
        if (answerSucceeded(answer!)) c.succeeded++;
        else c.failed++;
        continue;
      }
      if (answer !== undefined) edited.add(line.customId);
      if (previous.unanswered.has(line.hash)) c.resent++;
      c.todo++;
    }
    for (const customId of edited) previous.answers.delete(customId);
    await dropAnswers(paths, edited);
  }

  private async answer(line: RequestLine, journal: RunJournal): Promise<void> {
    const { secrets = [] } = this.options;
    const format = this.format;
    const signal = this.cancelController.signal;
    const timeoutMs = (this.options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS) * 1000;
    // Counted only under a token budget: the tokenizer is not loaded for a run that needs no count.
    const tokens = this.pacer.countsTokens ? format.tokens(line) : 0;
    let sent = false;
    let sentAtMs = 0;
    const attempt = async () => {
      await this.pacer.acquire(tokens, signal);
      // The attempt that is answered is the one the provider bills, at the rate in force when it left.
      sentAtMs = this.clock.now();
      if (!sent) {
        journal.recordSent(line.hash, sentAtMs);
        sent = true;
      }
      this.inFlight++;
      try {
        return await format.send(line, timeoutMs, signal);
      } finally {
        this.inFlight--;
      }
    };
    let record: Record<string, unknown>;
    let succeeded: boolean;
    try {
      const answer = await pRetry(attempt, {
        retries: Math.max(0, (this.options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS) - 1),
        minTimeout: this.options.retryBaseDelayMs ?? 1000,
        maxTimeout: 60_000,
        factor: 2,
        randomize: true,
        signal,
        shouldRetry: ({ error }) => !signal.aborted && isRetryableFailure(error),
        onFailedAttempt: ({ error }) => {
          if (!isRateLimited(error)) return;
          this.counts.rateLimited++;
          this.pacer.onRateLimited(readRateLimitHeaders(failureHeaders(error), this.clock.now()));
          this.emit();
        },
      });
      this.pacer.onAnswer(readRateLimitHeaders(answer.headers, this.clock.now()));
      record = { id: journalLineId(line.hash), ...format.answered(line, answer), sent_at: Math.floor(sentAtMs / 1000) };
      succeeded = true;
      this.counts.tokens += format.usedTokens(answer.body);
    } catch (error) {
      if (signal.aborted) return; // abandoned, not answered: the next run sends it again
      record = { id: journalLineId(line.hash), ...format.failed(line, error, secrets), ...(sent ? { sent_at: Math.floor(sentAtMs / 1000) } : {}) };
      succeeded = false;
    }
    journal.recordAnswer(JSON.stringify(record), succeeded);
    this.counts.answeredNow++;
    if (succeeded) this.counts.succeeded++;
    else this.counts.failed++;
    this.emit();
  }
}
