import { readFileLines } from '../jsonl/fileLines';
import { isBlankLine } from '../jsonl/lines';
import { isJsonObject } from '../validation/jsonValues';
import { parseResultLine, readCustomId, type ParsedResultLine, type ResultDetails } from './resultLine';
import type { ResultLocation } from './resultLocation';
import { emptyUsage } from './tokenUsage';

export type ResultStatus = 'succeeded' | 'failed' | 'missing';

/** The result of the request on one input line. */
export interface JoinedResult extends ResultDetails {
  /** 0-based line of the request in the input file. */
  line: number;
  customId: string;
  /** `failed` includes expired requests (`errorCode` `batch_expired`); `missing` has no result (`text` is `''`). */
  status: ResultStatus;
  /** Where the full result line is (absent when missing): read it with `readResultJson`. */
  source?: ResultLocation;
}

/** Output and error files joined to the input by `custom_id`, with the completeness check. */
export interface ResultsJoin {
  inputPath: string;
  outputPath?: string;
  errorPath?: string;
  /** Physical lines in the input (blank ones included): the aligned document has as many. */
  inputLineCount: number;
  /** One entry per request line of the input, in input order. Blank lines have none. */
  results: JoinedResult[];
  /** Request lines (`results.length`), and how many of them succeeded and failed; the rest are missing. */
  total: number;
  succeeded: number;
  failed: number;
  /** Input `custom_id`s with no result in either file, in input order. */
  missing: string[];
  /** `custom_id`s with more than one result line across both files (the first success, else the first line, is used). */
  duplicates: string[];
  /** Result `custom_id`s that no input line has. */
  unknown: string[];
  /** Input `custom_id`s on more than one input line (each such line shows the same result). */
  duplicateInputIds: string[];
  /** 0-based input lines that are neither blank nor a JSON object with a `custom_id`. */
  unreadableInputLines: number[];
  /** Result lines that are neither blank nor a JSON object with a `custom_id`. */
  unreadableResultLines: ResultLocation[];
}

export interface JoinOptions {
  /** Stops the join between lines; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

interface InputRequests {
  requests: Array<{ line: number; customId: string }>;
  lineCount: number;
  duplicateIds: string[];
  unreadableLines: number[];
}

function readCustomIdOfRequest(text: string): string | undefined {
  try {
    const request: unknown = JSON.parse(text);
    // Gemini's lines name themselves by `key`.
    return isJsonObject(request) ? readCustomId(request.custom_id ?? request.key) : undefined;
  } catch {
    return undefined;
  }
}

async function readInputRequests(path: string, signal: AbortSignal | undefined): Promise<InputRequests> {
  const requests: InputRequests['requests'] = [];
  const seen = new Set<string>();
  const duplicateIds = new Set<string>();
  const unreadableLines: number[] = [];
  const { lines } = await readFileLines(path, ({ text }, line) => {
    signal?.throwIfAborted();
    if (isBlankLine(text)) return;
    const customId = readCustomIdOfRequest(text);
    if (customId === undefined) {
      unreadableLines.push(line);
      return;
    }
    if (seen.has(customId)) duplicateIds.add(customId);
    seen.add(customId);
    requests.push({ line, customId });
  });
  // An empty file reads as one empty line; a final newline starts an empty last line, as in an editor.
  return { requests, lineCount: lines, duplicateIds: [...duplicateIds], unreadableLines };
}

type LocatedResult = ParsedResultLine & { source: ResultLocation };

interface ResultIndex {
  byCustomId: Map<string, LocatedResult>;
  duplicates: Set<string>;
  unreadable: ResultLocation[];
}

async function indexResultFile(path: string, index: ResultIndex, signal: AbortSignal | undefined): Promise<void> {
  let offset = 0;
  await readFileLines(path, ({ text, bytes }, line) => {
    signal?.throwIfAborted();
    const source: ResultLocation = { path, line, offset, length: bytes };
    offset += bytes;
    if (isBlankLine(text)) return;
    const parsed = parseResultLine(text);
    if (!parsed) {
      index.unreadable.push(source);
      return;
    }
    const earlier = index.byCustomId.get(parsed.customId);
    if (earlier) {
      index.duplicates.add(parsed.customId);
      // A request answered twice is not worth retrying: keep a success over a failure.
      if (earlier.outcome === 'succeeded' || parsed.outcome === 'failed') return;
    }
    index.byCustomId.set(parsed.customId, Object.assign(parsed, { source }));
  });
}

async function indexResultFiles(outputPath: string | undefined, errorPath: string | undefined, signal: AbortSignal | undefined): Promise<ResultIndex> {
  const index: ResultIndex = { byCustomId: new Map(), duplicates: new Set(), unreadable: [] };
  for (const path of [outputPath, errorPath]) {
    if (path !== undefined) await indexResultFile(path, index, signal);
  }
  return index;
}

function toJoinedResult(line: number, customId: string, found: LocatedResult | undefined): JoinedResult {
  if (!found) return { line, customId, status: 'missing', text: '', usage: emptyUsage() };
  // The parsed line's own custom_id is the same string; the rest are the details both shapes share.
  const { outcome, customId: _parsedId, ...details } = found;
  return { line, customId, status: outcome, ...details };
}

/**
 * Joins a batch's output and error files to its input by `custom_id`, streaming each file from disk (memory
 * grows with the number of requests and the length of their answers, not with the size of the bodies).
 * Either result file may be absent (a batch where every request failed has no output file). Rejects only
 * when a file cannot be read (or `signal` aborts); malformed lines are counted, never thrown.
 */
export async function joinResultsByCustomId(
  inputPath: string,
  outputPath?: string,
  errorPath?: string,
  options: JoinOptions = {},
): Promise<ResultsJoin> {
  const { signal } = options;
  const input = await readInputRequests(inputPath, signal);
  const index = await indexResultFiles(outputPath, errorPath, signal);
  const inputIds = new Set<string>();
  const results: JoinedResult[] = [];
  const missing: string[] = [];
  let succeeded = 0;
  let failed = 0;
  for (const { line, customId } of input.requests) {
    const result = toJoinedResult(line, customId, index.byCustomId.get(customId));
    results.push(result);
    if (result.status === 'succeeded') succeeded++;
    else if (result.status === 'failed') failed++;
    else if (!inputIds.has(customId)) missing.push(customId);
    inputIds.add(customId);
  }
  const unknown = [...index.byCustomId.keys()].filter((customId) => !inputIds.has(customId));
  return {
    inputPath,
    ...(outputPath !== undefined && { outputPath }),
    ...(errorPath !== undefined && { errorPath }),
    inputLineCount: input.lineCount,
    results,
    total: results.length,
    succeeded,
    failed,
    missing,
    duplicates: [...index.duplicates],
    unknown,
    duplicateInputIds: input.duplicateIds,
    unreadableInputLines: input.unreadableLines,
    unreadableResultLines: index.unreadable,
  };
}

/**
 * The results of an output and an error file by `custom_id` (a success kept over a failure), without an
 * input file: what joins results back to rows of a dataset. Malformed lines are skipped.
 */
export async function indexResultsByCustomId(outputPath?: string, errorPath?: string, options: JoinOptions = {}): Promise<Map<string, ParsedResultLine>> {
  return (await indexResultFiles(outputPath, errorPath, options.signal)).byCustomId;
}

/**
 * The results indexed by 0-based input line (`undefined` for blank and unreadable lines), as long as the
 * input: what CodeLens, hovers and "Go to Result" look up for the line under the cursor.
 */
export function resultsByLine(join: ResultsJoin): Array<JoinedResult | undefined> {
  const byLine = new Array<JoinedResult | undefined>(join.inputLineCount).fill(undefined);
  for (const result of join.results) byLine[result.line] = result;
  return byLine;
}
