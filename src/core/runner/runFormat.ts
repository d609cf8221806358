import * as l10n from '@vscode/l10n';
import { detectRequestDialect, type BatchDialect } from '../dialects';
import { lineHash } from './lineHash';
import type { RequestAnswer } from './sendRequest';

/** An input line the run cannot send: named by its line number. */
export class RunInputError extends Error {
  override readonly name = 'RunInputError';
}

/** One input line as the run holds it while it is in flight. */
export interface RequestLine {
  hash: string;
  /** `custom_id`, or Gemini's `key`: what the journal knows the answer by. */
  customId: string;
  /** The endpoint: the line's own (OpenAI), else the dialect's one. */
  url: string;
  /** What is sent: OpenAI's `body`, Anthropic's `params`, Gemini's `request`. */
  body: Record<string, unknown>;
}

/**
 * How a run reads, sends and journals the lines of one dialect: each line goes to the dialect's synchronous
 * API through its official SDK, and each answer is written as that dialect's batch results write it, so the
 * results view, summary, retry and export read a run's answers as they read a downloaded batch's.
 */
export interface RunFormat {
  readonly dialect: BatchDialect;
  /** The members a request line needs, for the error on one that lacks them. */
  readonly required: string;
  /** The request a parsed line holds, or undefined when its members are not this format's. */
  request(line: Record<string, unknown>): Omit<RequestLine, 'hash'> | undefined;
  /** The tokens a line counts against a tokens-per-minute budget. */
  tokens(line: RequestLine): number;
  /** Sends the line (the SDK's own retries off) under `withRequestSignal`'s timeout and cancel. */
  send(line: RequestLine, timeoutMs: number, cancel: AbortSignal): Promise<RequestAnswer>;
  /** The tokens an answer used. */
  usedTokens(body: unknown): number;
  /** The results-file members of an answer, after the journal's `id`. */
  answered(line: RequestLine, answer: RequestAnswer): Record<string, unknown>;
  /** The errors-file members of a failure, after the journal's `id`. */
  failed(line: RequestLine, error: unknown, secrets: readonly (string | undefined)[]): Record<string, unknown>;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads one input line for `format`; a line of another dialect is refused before anything is sent. */
export function parseRequestLine(format: RunFormat, text: string, lineNumber: number): RequestLine {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RunInputError(l10n.t('Line {0} is not JSON; validate the file and fix it first.', lineNumber));
  }
  const request = isObject(parsed) ? format.request(parsed) : undefined;
  if (request) return { hash: lineHash(text), ...request };
  const other = isObject(parsed) ? detectRequestDialect(parsed) : undefined;
  if (other && other.name !== format.dialect.name) {
    throw new RunInputError(
      l10n.t(
        'Line {0} is a request for {1}, but this profile sends requests to {2}: run the file on a direct profile with "dialect": "{3}", or convert it first.',
        lineNumber,
        other.label,
        format.dialect.label,
        other.name,
      ),
    );
  }
  throw new RunInputError(l10n.t('Line {0} is not a batch request ({1} are required); validate the file and fix it first.', lineNumber, format.required));
}
