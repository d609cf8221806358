import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sharedReference } from '../sharedReference';

/** The project root, from out/test/unit/results/ where the compiled tests run. */
export const repoRoot = path.resolve(__dirname, '../../../..');

export const fixtures = path.join(repoRoot, 'test', 'fixtures', 'results');

/** The real batch files in ../shared (read in place, never copied), or `undefined` when absent outside CI. */
export function sharedJsonlDir(): string | undefined {
  return sharedReference('jsonl');
}

type Json = Record<string, unknown>;

export function chatRequest(id: string, content = `Say hello to ${id}`): Json {
  return { custom_id: id, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }] } };
}

export function chatResult(id: string, content: string, usage: Json = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 }): Json {
  const body = { object: 'chat.completion', model: 'gpt-4o-mini-2024-07-18', choices: [{ index: 0, message: { role: 'assistant', content } }], usage };
  return { id: `batch_req_${id}`, custom_id: id, response: { status_code: 200, request_id: `r_${id}`, body }, error: null };
}

export function errorResult(id: string, code: string | number, message: string): Json {
  return { id: `batch_req_${id}`, custom_id: id, response: null, error: { code, message } };
}

export function jsonl(...lines: (Json | string)[]): string {
  return lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';
}

/** A temporary folder per test file, removed after it. */
export function useTempDir(): { path: (name: string) => string; write: (name: string, text: string | Buffer) => string } {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'batch-results-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  return {
    path: (name) => path.join(dir, name),
    write: (name, text) => {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      return file;
    },
  };
}
