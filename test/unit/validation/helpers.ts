import path from 'node:path';
import { sharedReference } from '../sharedReference';
import { validateBatchText, type BatchDiagnostic, type BatchFileReport, type ProviderLimitsName } from '../../../src/core/validation';

/** The project root, from out/test/unit/validation/ where the compiled tests run. */
export const repoRoot = path.resolve(__dirname, '../../../..');

/** The real batch files in ../shared (read in place, never copied), or `undefined` when absent outside CI. */
export function sharedJsonlDir(): string | undefined {
  return sharedReference('jsonl');
}

type Json = Record<string, unknown>;

/** A valid chat request line, with `overrides` merged into the envelope and `body`. */
export function chatRequest(id: string, overrides: Json = {}, bodyOverrides: Json = {}): Json {
  return {
    custom_id: id,
    method: 'POST',
    url: '/v1/chat/completions',
    body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say hello to ${id}` }], ...bodyOverrides },
    ...overrides,
  };
}

export function jsonl(...lines: (Json | string)[]): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';
}

export function validate(text: string, provider: ProviderLimitsName = 'openai'): BatchFileReport {
  return validateBatchText(text, { provider });
}

/** `line:code` (1-based lines) of every finding, for compact assertions. */
export function findings(report: BatchFileReport): string[] {
  return report.diagnostics.map((d) => `${d.line + 1}:${d.code}`);
}

export function withCode(report: BatchFileReport, code: string): BatchDiagnostic[] {
  return report.diagnostics.filter((d) => d.code === code);
}

/** The text a diagnostic's range covers (single-line ranges). */
export function coveredText(text: string, diagnostic: BatchDiagnostic): string {
  const line = text.split('\n')[diagnostic.line].replace(/\r$/, '');
  return line.slice(diagnostic.column, diagnostic.endColumn);
}
