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

interface Frame {
  isObject: boolean;
  /** The container sits on the searched path. */
  onPath: boolean;
  index: number;
}

/**
 * Finds the member at `path` (e.g. `['body', 'model']`) in one JSON text without parsing all of it:
 * containers off the path are skipped by bracket counting. Iterative, so any nesting depth is safe.
 * Returns the first match, or `undefined` when the path is absent or the text is not JSON there.
 */
export function locateJsonMember(text: string, path: readonly JsonPathStep[], start = 0): LocatedMember | undefined {
  const frames: Frame[] = [];
  let offset = skipWhitespace(text, start);
  let step: JsonPathStep | undefined;
  let keyStart = offset;
  let keyEnd = offset;
  for (;;) {
    // A value starts at `offset`; `step` names it within its parent.
    const depth = frames.length;
    const onPath = depth === 0 || (frames[depth - 1].onPath && path[depth - 1] === step);
    const code = text.charCodeAt(offset);
    if (onPath && depth === path.length) {
      return { keyStart, keyEnd, valueStart: offset, valueEnd: skipJsonValue(text, offset) };
    }
    if (onPath && (code === 123 || code === 91)) {
      frames.push({ isObject: code === 123, onPath: true, index: 0 });
      offset = skipWhitespace(text, offset + 1);
      const close = code === 123 ? 125 : 93;
      if (text.charCodeAt(offset) === close) {
        frames.pop();
        offset++;
      } else if (code === 91) {
        step = 0;
        keyStart = keyEnd = offset;
        continue;
      } else {
        const key = readMemberKey();
        if (key === undefined) return undefined;
        continue;
      }
    } else {
      offset = skipJsonValue(text, offset);
    }
    // After a value: a comma starts the next member, a bracket closes its container.
    for (;;) {
      if (frames.length === 0) return undefined;
      offset = skipWhitespace(text, offset);
      const next = text.charCodeAt(offset);
      const frame = frames[frames.length - 1];
      if (next === 44) {
        offset = skipWhitespace(text, offset + 1);
        if (frame.isObject) {
          if (readMemberKey() === undefined) return undefined;
        } else {
          step = ++frame.index;
          keyStart = keyEnd = offset;
        }
        break;
      }
      if (next === (frame.isObject ? 125 : 93)) {
        frames.pop();
        offset++;
        continue;
      }
      return undefined;
    }
  }

  /** Reads `"key" :` at `offset`, sets `step` and the key span, leaves `offset` at the value. */
  function readMemberKey(): string | undefined {
    if (text.charCodeAt(offset) !== 34) return undefined;
    keyStart = offset;
    keyEnd = skipString(text, offset);
    const key = readKey(text, keyStart, keyEnd);
    offset = skipWhitespace(text, keyEnd);
    if (key === undefined || text.charCodeAt(offset) !== 58) return undefined;
    offset = skipWhitespace(text, offset + 1);
    step = key;
    return key;
  }
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
