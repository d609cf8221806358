import * as l10n from '@vscode/l10n';
/**
 * The one obvious repair of a JSON line that does not parse, for the editor's quick fix: trailing commas
 * removed (`{"a": 1,}`), a comma left after the line's object (`{…},` copied out of an array), closing
 * brackets the line ends without (`{"body": {"model": "x"`). Anything else (a missing comma between
 * members, single quotes, a stray character in the middle) has no single obvious repair: none is offered.
 */
export interface JsonLineRepair {
  text: string;
  /** What was changed, for the quick fix's title. */
  description: string;
}

interface Scan {
  /** Offsets of commas directly followed (whitespace aside) by `}` or `]`. */
  trailingCommas: number[];
  /** The brackets still open at the end, innermost last. */
  open: string[];
  /** The line ends inside a string. */
  inString: boolean;
  /** A closing bracket that does not match: nothing to repair by appending. */
  mismatched: boolean;
}

function scan(text: string): Scan {
  const result: Scan = { trailingCommas: [], open: [], inString: false, mismatched: false };
  let lastComma = -1;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (result.inString) {
      if (char === '\\') index++;
      else if (char === '"') result.inString = false;
      continue;
    }
    if (char === ' ' || char === '\t' || char === '\r') continue;
    if (char === '}' || char === ']') {
      if (lastComma >= 0) result.trailingCommas.push(lastComma);
      const expected = result.open.pop();
      if (expected !== char) result.mismatched = true;
    } else if (char === '{') result.open.push('}');
    else if (char === '[') result.open.push(']');
    else if (char === '"') result.inString = true;
    lastComma = char === ',' ? index : -1;
  }
  return result;
}

function parsesToObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function withoutOffsets(text: string, offsets: readonly number[]): string {
  let result = text;
  for (const offset of [...offsets].sort((a, b) => b - a)) result = result.slice(0, offset) + result.slice(offset + 1);
  return result;
}

/** The repaired line, or undefined when it already parses or has no single obvious repair. */
export function repairJsonLine(text: string): JsonLineRepair | undefined {
  if (parsesToObject(text)) return undefined;
  const found = scan(text);
  const steps: string[] = [];
  let repaired = text;
  if (found.trailingCommas.length > 0) {
    repaired = withoutOffsets(repaired, found.trailingCommas);
    steps.push(found.trailingCommas.length === 1 ? l10n.t('remove the trailing comma') : l10n.t('remove {0} trailing commas', found.trailingCommas.length));
  }
  const end = /,\s*$/.exec(repaired);
  if (end && found.open.length === 0) {
    repaired = repaired.slice(0, end.index);
    steps.push(l10n.t('remove the comma after the object'));
  } else if (found.open.length > 0 && !found.inString && !found.mismatched) {
    const closers = [...found.open].reverse().join('');
    repaired = repaired.replace(/,?\s*$/, '') + closers;
    steps.push(l10n.t('add the missing {0}', closers));
  }
  if (steps.length === 0 || !parsesToObject(repaired)) return undefined;
  const description = steps.length === 2 ? l10n.t('{0} and {1}', steps[0], steps[1]) : steps[0];
  return { text: repaired, description: description[0].toUpperCase() + description.slice(1) };
}
