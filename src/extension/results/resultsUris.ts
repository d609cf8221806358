import * as vscode from 'vscode';

/** The read-only document whose line N is the result of the request on the input's line N. */
export const ALIGNED_RESULTS_SCHEME = 'batch-results';
/** One request's full result line as formatted JSON. */
export const FULL_RESULT_SCHEME = 'batch-result';

/**
 * The aligned results document of an input. Its tab reads `<input name> (results)`; the query carries the
 * input's URI, so the document always finds its input back.
 */
export function alignedResultsUri(input: vscode.Uri): vscode.Uri {
  return vscode.Uri.from({ scheme: ALIGNED_RESULTS_SCHEME, path: `${input.path} (results)`, query: input.toString() });
}

/** The full result of the request on `line` (0-based) of `input`; its name ends in `.json` for the language. */
export function fullResultUri(input: vscode.Uri, line: number, customId: string): vscode.Uri {
  const name = customId.replace(/[^\w.-]+/g, '_').slice(0, 80) || 'result';
  return vscode.Uri.from({ scheme: FULL_RESULT_SCHEME, path: `/${name}.json`, query: JSON.stringify({ input: input.toString(), line }) });
}

/** The input an aligned results or full result document belongs to (and the line, for a full result). */
export function inputOfResultsUri(uri: vscode.Uri): { input: vscode.Uri; line?: number } | undefined {
  try {
    if (uri.scheme === ALIGNED_RESULTS_SCHEME) return { input: vscode.Uri.parse(uri.query, true) };
    if (uri.scheme === FULL_RESULT_SCHEME) {
      const { input, line } = JSON.parse(uri.query) as { input: string; line: number };
      return { input: vscode.Uri.parse(input, true), line };
    }
  } catch {
    // A hand-made URI of our scheme that does not parse belongs to no input.
  }
  return undefined;
}

/**
 * Command arguments arrive as URIs from code, as URI strings from hover links (JSON-encoded) and as file
 * paths from the Jobs feature; a drive letter (`C:\\…`) is a path, not a scheme.
 */
export function toUri(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value !== 'string' || !value) return undefined;
  return /^[a-z][\w+.-]+:/i.test(value) ? vscode.Uri.parse(value, true) : vscode.Uri.file(value);
}
