/**
 * A tolerant scan of one (possibly half-typed) request line, enough to tell where the cursor is in the
 * top-level object: in or at a key, or in or at the value of a key. The line need not be valid JSON,
 * which is exactly when completions are wanted. No VS Code here; columns are UTF-16 offsets.
 */

/** Where completion text goes: `[start, end)` on the line; `start` is the cursor when nothing is replaced. */
export interface ReplaceSpan {
  start: number;
  end: number;
  /** The replaced text starts with a quote (the cursor is inside a string). */
  quoted: boolean;
}

export type RequestLinePlace =
  | { kind: 'emptyLine' }
  | { kind: 'key'; replace: ReplaceSpan; /** A `:` already follows the key being typed. */ hasColon: boolean }
  | { kind: 'value'; key: string; replace: ReplaceSpan }
  | { kind: 'other' };

type Expect = 'key' | 'colon' | 'value' | 'comma';

interface ScanState {
  depth: number;
  expect: Expect;
  lastKey: string | undefined;
  /** Start of the string the scan is inside, or -1. */
  stringStart: number;
  stringIsKey: boolean;
  keys: string[];
}

function scan(text: string, stop: number): ScanState {
  const state: ScanState = { depth: 0, expect: 'key', lastKey: undefined, stringStart: -1, stringIsKey: false, keys: [] };
  for (let index = 0; index < stop; index++) {
    const char = text[index];
    if (state.stringStart >= 0) {
      if (char === '\\') index++;
      else if (char === '"') {
        if (state.depth === 1 && state.stringIsKey) {
          state.lastKey = safeParseString(text.slice(state.stringStart, index + 1));
          if (state.lastKey !== undefined) state.keys.push(state.lastKey);
          state.expect = 'colon';
        } else if (state.depth === 1) {
          state.expect = 'comma';
        }
        state.stringStart = -1;
      }
      continue;
    }
    switch (char) {
      case '"':
        state.stringStart = index;
        state.stringIsKey = state.depth === 1 && state.expect === 'key';
        break;
      case '{':
      case '[':
        state.depth++;
        if (state.depth === 1) state.expect = 'key';
        break;
      case '}':
      case ']':
        state.depth = Math.max(0, state.depth - 1);
        if (state.depth === 1) state.expect = 'comma';
        break;
      case ':':
        if (state.depth === 1) state.expect = 'value';
        break;
      case ',':
        if (state.depth === 1) state.expect = 'key';
        break;
      default:
        // A bare literal (number, true, …) at the top level completes a value.
        if (state.depth === 1 && state.expect === 'value' && /[\w.-]/.test(char)) state.expect = 'comma';
    }
  }
  return state;
}

function safeParseString(literal: string): string | undefined {
  try {
    return JSON.parse(literal) as string;
  } catch {
    return undefined;
  }
}

/** The end of the string that starts before `from` (just after its closing quote), or `from` if unclosed. */
function stringEnd(text: string, from: number): number {
  for (let index = from; index < text.length; index++) {
    if (text[index] === '\\') index++;
    else if (text[index] === '"') return index + 1;
  }
  return from;
}

/** Letters typed at the cursor without an opening quote (`cu|` while typing a key or `PO|` a value). */
function barePrefixStart(text: string, column: number): number {
  let start = column;
  while (start > 0 && /[\w/.-]/.test(text[start - 1])) start--;
  return start;
}

/** Where the cursor at `column` sits in the top-level object of `text`. */
export function requestLinePlace(text: string, column: number): RequestLinePlace {
  if (text.trim() === '') return { kind: 'emptyLine' };
  const state = scan(text, column);
  if (state.depth !== 1) return { kind: 'other' };
  if (state.stringStart >= 0) {
    const replace = { start: state.stringStart, end: stringEnd(text, column), quoted: true };
    if (state.stringIsKey) return { kind: 'key', replace, hasColon: /^\s*:/.test(text.slice(replace.end)) };
    return state.lastKey !== undefined && state.expect === 'value'
      ? { kind: 'value', key: state.lastKey, replace }
      : { kind: 'other' };
  }
  const replace = { start: barePrefixStart(text, column), end: column, quoted: false };
  if (state.expect === 'key') return { kind: 'key', replace, hasColon: false };
  // After `"url": P` the bare letters read as a finished literal; what matters is that a value was due.
  const beforePrefix = scan(text, replace.start);
  if (beforePrefix.expect === 'value' && beforePrefix.lastKey !== undefined) {
    return { kind: 'value', key: beforePrefix.lastKey, replace };
  }
  return { kind: 'other' };
}

/** The top-level keys already on the line (to leave them out of key completions). */
export function topLevelKeys(text: string): string[] {
  return scan(text, text.length).keys;
}
