/**
 * Untrusted text (ids, codes, messages, file names from a provider or a file) inside Markdown: it renders as
 * the characters it holds, never as markup, HTML or a new block. Line breaks and other control characters
 * are shown as escapes (`\n`), so a value cannot end its paragraph, table row or list item.
 */

const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** `\n`, `\t`, `\u001b`: a control character as the escape a reader would type. */
export function visibleControlCharacters(text: string): string {
  return text.replace(CONTROL_CHARACTERS, (char) => {
    if (char === '\n') return '\\n';
    if (char === '\r') return '\\r';
    if (char === '\t') return '\\t';
    return `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/**
 * Plain Markdown text: every character that could start markup, an entity or HTML is backslash-escaped
 * (`-`, `+` and `1.` only where they would start a list: ids and model names stay readable).
 */
export function markdownText(text: string): string {
  return visibleControlCharacters(text)
    .replace(/[\\`*_[\]#!|<>~&]/g, '\\$&')
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

/**
 * Inline code: a fence longer than any backtick run inside, padded where the text starts or ends with one.
 * In a table cell a `|` would still end the cell (GFM splits cells first), so it is escaped there.
 */
export function markdownCode(text: string, inTableCell = false): string {
  const visible = visibleControlCharacters(text);
  const longestRun = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = visible.startsWith('`') || visible.endsWith('`') || visible === '' ? ' ' : '';
  return `${fence}${pad}${inTableCell ? visible.replace(/\|/g, '\\|') : visible}${pad}${fence}`;
}

/** A fenced code block that the text cannot break out of: the fence is longer than any backtick run in it. */
export function markdownCodeBlock(text: string, language = ''): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(Math.max(3, longestRun + 1));
  return `${fence}${language}\n${text}\n${fence}\n`;
}
