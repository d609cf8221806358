/** Offsets (0-based UTF-16, ends exclusive) of a member found in a JSON text. */
export interface LocatedMember {
  /** The key token with its quotes; for an array element, an empty span at the value's start. */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
}

/** One step of a path: a property name or an array index. */
export type JsonPathStep = string | number;

function isWhitespace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function skipWhitespace(text: string, offset: number): number {
  while (offset < text.length && isWhitespace(text.charCodeAt(offset))) offset++;
  return offset;
}

/** The offset just after the string whose opening quote is at `offset`. */
function skipString(text: string, offset: number): number {
  offset++;
  while (offset < text.length) {
    const code = text.charCodeAt(offset);
    if (code === 92) offset += 2;
    else if (code === 34) return offset + 1;
    else offset++;
  }
  return text.length;
}

/** The offset just after the value starting at `offset`, nested containers included (no recursion). */
export function skipJsonValue(text: string, offset: number): number {
  let depth = 0;
  while (offset < text.length) {
    const code = text.charCodeAt(offset);
    if (code === 34) {
      offset = skipString(text, offset);
      if (depth === 0) return offset;
      continue;
    }
    if (code === 123 || code === 91) depth++;
    else if (code === 125 || code === 93) {
      if (depth === 0) return offset;
      depth--;
      if (depth === 0) return offset + 1;
    } else if (depth === 0 && (code === 44 || isWhitespace(code))) return offset;
    offset++;
  }
  return offset;
}

function readKey(text: string, start: number, end: number): string | undefined {
  const raw = text.slice(start + 1, end - 1);
  if (raw.indexOf('\\') < 0) return raw;
  try {
    return JSON.parse(text.slice(start, end)) as string;
  } catch {
    return undefined;
  }
}

/** Where a member found on one level starts: its key (empty for an array element) and its value. */
interface Found {
  keyStart: number;
  keyEnd: number;
  valueStart: number;
}

/**
 * Calls `visit` for each member of the object whose `{` is at `offset`, in order, skipping values by
 * bracket counting. Stops at broken text (after visiting what came before it).
 */
function walkObject(text: string, offset: number, visit: (name: string, member: LocatedMember) => void): void {
  offset = skipWhitespace(text, offset + 1);
  if (text.charCodeAt(offset) === 125) return;
  for (;;) {
    if (text.charCodeAt(offset) !== 34) return;
    const keyStart = offset;
    const keyEnd = skipString(text, offset);
    const name = readKey(text, keyStart, keyEnd);
    offset = skipWhitespace(text, keyEnd);
    if (name === undefined || text.charCodeAt(offset) !== 58) return;
    const valueStart = skipWhitespace(text, offset + 1);
    const valueEnd = skipJsonValue(text, valueStart);
    visit(name, { keyStart, keyEnd, valueStart, valueEnd });
    offset = skipWhitespace(text, valueEnd);
    if (text.charCodeAt(offset) !== 44) return;
    offset = skipWhitespace(text, offset + 1);
  }
}

/**
 * The member `key` of the object whose `{` is at `offset`: the last one when the key is repeated, as
 * `JSON.parse` keeps the last. Stops at broken text (keeping what it found before it).
 */
function findInObject(text: string, offset: number, key: string): Found | undefined {
  let found: Found | undefined;
  walkObject(text, offset, (name, member) => {
    if (name === key) found = member;
  });
  return found;
}

/**
 * Every member of the top-level object of `text` (starting at `start`), found in one pass: a line with
 * thousands of keys is scanned once, not once per key. A repeated key maps to its last occurrence.
 */
export function locateTopLevelMembers(text: string, start = 0): Map<string, LocatedMember> {
  const members = new Map<string, LocatedMember>();
  const opening = skipWhitespace(text, start);
  if (text.charCodeAt(opening) === 123) walkObject(text, opening, (name, member) => members.set(name, member));
  return members;
}

/** Element `index` of the array whose `[` is at `offset`. */
function findInArray(text: string, offset: number, index: number): Found | undefined {
  offset = skipWhitespace(text, offset + 1);
  if (text.charCodeAt(offset) === 93) return undefined;
  for (let current = 0; ; current++) {
    if (current === index) return { keyStart: offset, keyEnd: offset, valueStart: offset };
    offset = skipWhitespace(text, skipJsonValue(text, offset));
    if (text.charCodeAt(offset) !== 44) return undefined;
    offset = skipWhitespace(text, offset + 1);
  }
}

/**
 * Finds the member at `path` (e.g. `['body', 'model']`) in one JSON text without parsing all of it:
 * containers off the path are skipped by bracket counting. A repeated key resolves to its last
 * occurrence, the one `JSON.parse` (and so every rule) sees. Any nesting depth is safe (no recursion).
 * Returns `undefined` when the path is absent or the text is not JSON there.
 */
export function locateJsonMember(text: string, path: readonly JsonPathStep[], start = 0): LocatedMember | undefined {
  let member: Found = { keyStart: skipWhitespace(text, start), keyEnd: skipWhitespace(text, start), valueStart: skipWhitespace(text, start) };
  for (const step of path) {
    const opening = text.charCodeAt(member.valueStart);
    const found =
      typeof step === 'string'
        ? opening === 123 ? findInObject(text, member.valueStart, step) : undefined
        : opening === 91 ? findInArray(text, member.valueStart, step) : undefined;
    if (!found) return undefined;
    member = found;
  }
  return { ...member, valueEnd: skipJsonValue(text, member.valueStart) };
}

/**
 * What to delete to remove a member from its object: the member and one separating comma with the
 * whitespace next to it, so the object stays valid JSON.
 */
export function memberRemovalRange(text: string, member: LocatedMember): { start: number; end: number } {
  const after = skipWhitespace(text, member.valueEnd);
  if (text.charCodeAt(after) === 44) return { start: member.keyStart, end: skipWhitespace(text, after + 1) };
  let before = member.keyStart;
  while (before > 0 && isWhitespace(text.charCodeAt(before - 1))) before--;
  if (text.charCodeAt(before - 1) === 44) return { start: before - 1, end: member.valueEnd };
  return { start: member.keyStart, end: member.valueEnd };
}
