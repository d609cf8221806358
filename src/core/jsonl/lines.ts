/**
 * A line's text as VS Code shows it: `\n` ends a line and a `\r` before it belongs to the line ending.
 * (A lone `\r` elsewhere is JSON whitespace to providers, who split on `\n`, so it stays in its line.)
 */
export function withoutCarriageReturn(rawLine: string): string {
  return rawLine.charCodeAt(rawLine.length - 1) === 13 ? rawLine.slice(0, -1) : rawLine;
}

/** True when the line holds nothing but JSON whitespace. */
export function isBlankLine(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) return false;
  }
  return true;
}
