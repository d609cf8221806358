/**
 * Whether a line looks like the first line of a batch file (a request or a result: both carry
 * `custom_id`). The same test as the language's `firstLine` pattern in package.json, which VS Code only
 * applies when no other language claims the file's extension, and `.jsonl` is claimed by `jsonl`.
 */
export const BATCH_FIRST_LINE = /^\s*\{.*"custom_id"\s*:/;

export function looksLikeBatchFirstLine(line: string): boolean {
  return BATCH_FIRST_LINE.test(line.replace(/^\uFEFF/, ''));
}
