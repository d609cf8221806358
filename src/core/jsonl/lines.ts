/**
 * Lines as VS Code numbers them for a JSONL file: `\n` ends a line, a `\r` before it belongs to the
 * line ending. (A lone `\r` is JSON whitespace to providers, who split on `\n`, so it stays in its line.)
 */
export function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (line.charCodeAt(line.length - 1) === 13) lines[index] = line.slice(0, -1);
  }
  return lines;
}

/** True when the line holds nothing but JSON whitespace. */
export function isBlankLine(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code !== 32 && code !== 9 && code !== 13 && code !== 10) return false;
  }
  return true;
}
