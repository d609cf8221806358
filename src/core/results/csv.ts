/**
 * RFC 4180 fields and records. Written here rather than taken from csv-stringify: quoting is the whole
 * of what we need (fields are strings and numbers we produce, records go to a stream we already drive),
 * and these few lines are simpler to read and test than a dependency's options.
 */

/** A negative number as a dataset holds it (`-3`, `-1.5e3`): a spreadsheet reads it as that number, never a formula. */
const PLAIN_NUMBER = /^-(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A field, quoted when it holds a comma, a double quote, CR or LF; quotes inside are doubled. Text that
 * a spreadsheet would run as a formula (it starts with =, +, -, @, tab or CR: model output can) gets a
 * leading apostrophe, as OWASP advises; numbers, and text that is just a negative
 * number (a dataset's column), stay as they are.
 */
export function csvField(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'string' && /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A record, CRLF-terminated as RFC 4180 asks. */
export function csvRecord(fields: ReadonlyArray<string | number | undefined>): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}
