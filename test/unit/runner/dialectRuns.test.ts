import Anthropic from '@anthropic-ai/sdk';
import { GoogleGenAI } from '@google/genai';
import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import type { RunningEmulator } from '../../../src/core/emulator';
import { parseResultLine } from '../../../src/core/results/resultLine';
import { failureKind } from '../../../src/core/results/retryTriage';
import { DirectRun, journalPathsFor, RunInputError, type DirectRunOptions } from '../../../src/core/runner';
import { lineHash } from '../../../src/core/runner/lineHash';
import { repoRoot, TEST_KEY, testResources } from '../providers/support';

type Json = Record<string, unknown>;

function readLines(file: string): Json[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as Json);
}

interface DialectCase {
  name: string;
  example: string;
  /** The member a request's id is in, and the result line's members after the journal's `id` (before `sent_at`). */
  idKey: string;
  resultKeys: string[];
  route: string;
  client(baseUrl: string): DirectRunOptions['client'];
  model?: string;
  /** A 400 in the API's own shape, and the error code the results reader gives it. */
  badRequest: Json;
  badRequestCode: string;
  /** Puts "goodbye" into a request line's prompt. */
  edit(line: Json): void;
}

const origin = (baseUrl: string) => new URL(baseUrl).origin;

const CASES: DialectCase[] = [
  {
    name: 'anthropic',
    example: 'claude-translate-phrases.batch.jsonl',
    idKey: 'custom_id',
    resultKeys: ['custom_id', 'result'],
    route: 'POST /v1/messages',
    client: (baseUrl) => new Anthropic({ apiKey: TEST_KEY, baseURL: origin(baseUrl), maxRetries: 0 }),
    badRequest: { type: 'error', error: { type: 'invalid_request_error', message: 'max_tokens: Field required' } },
    badRequestCode: 'invalid_request_error',
    edit: (line) => ((line.params as { messages: { content: string }[] }).messages[0].content = 'Say goodbye'),
  },
  {
    name: 'gemini',
    example: 'gemini-study-questions.batch.jsonl',
    idKey: 'key',
    resultKeys: ['key', 'response'],
    route: 'POST /v1beta/models/{model}:generateContent',
    client: (baseUrl) => new GoogleGenAI({ apiKey: TEST_KEY, httpOptions: { baseUrl: origin(baseUrl), retryOptions: { attempts: 1 } } }),
    model: 'gemini-2.5-pro',
    badRequest: { error: { code: 400, message: 'Invalid JSON payload received.', status: 'INVALID_ARGUMENT' } },
    badRequestCode: 'invalid_argument',
    edit: (line) => ((line.request as { contents: { parts: { text: string }[] }[] }).contents[0].parts[0].text = 'Say goodbye'),
  },
];

describe('runner: Anthropic and Gemini files run directly against the emulator, with the same journal', () => {
  const resources = testResources();

  for (const dialect of CASES) {
    describe(dialect.name, () => {
      async function setup() {
        const emulator = await resources.emulator();
        const folder = resources.folder();
        const input = path.join(folder, dialect.example);
        copyFileSync(path.join(repoRoot, 'examples', dialect.example), input);
        const options = (overrides: Partial<DirectRunOptions> = {}, at: RunningEmulator | { baseUrl: string } = emulator): DirectRunOptions => ({
          inputPath: input,
          client: dialect.client(at.baseUrl),
          ...(dialect.model ? { model: dialect.model } : {}),
          concurrency: 2,
          retryBaseDelayMs: 5,
          ...overrides,
        });
        const ids = readLines(input).map((line) => line[dialect.idKey] as string);
        return { emulator, input, paths: journalPathsFor(input), options, ids };
      }

      it('answers every line once in the dialect\'s results format, read by the results reader with its usage; run again, nothing is sent', async () => {
        const { emulator, paths, options, ids } = await setup();
        const summary = await new DirectRun(options()).run();
        assert.deepEqual([summary.state, summary.total, summary.succeeded, summary.failed], ['completed', ids.length, ids.length, 0]);
        assert.ok(summary.tokens > 0, 'the answers\' usage is counted');
        const results = readLines(paths.results);
        assert.deepEqual(results.map((line) => line[dialect.idKey]).sort(), [...ids].sort());
        for (const line of results) {
          assert.deepEqual(Object.keys(line), ['id', ...dialect.resultKeys, 'sent_at']);
          const parsed = parseResultLine(JSON.stringify(line))!;
          assert.equal(parsed.outcome, 'succeeded');
          assert.match(parsed.text, /^Emulated reply/);
          assert.ok(parsed.usage.prompt > 0 && parsed.usage.completion > 0);
          if (dialect.model) assert.equal(parsed.model, dialect.model, 'every line ran on the run\'s model');
        }
        assert.equal(existsSync(paths.errors), false);
        assert.equal(existsSync(paths.sent), false);
        assert.equal(emulator.requestLog.count(dialect.route), ids.length);

        const again = await new DirectRun(options()).run();
        assert.deepEqual([again.skippedAlreadyDone, again.succeeded], [ids.length, ids.length]);
        assert.equal(emulator.requestLog.count(dialect.route), ids.length, 'no answered line sent twice');
      });

      it('resumes: an edited line runs again (its old answer dropped), a line in flight when the run stopped is sent again', async () => {
        const { emulator, input, paths, options, ids } = await setup();
        await new DirectRun(options()).run();
        const lines = readFileSync(input, 'utf8').split('\n');
        const edited = JSON.parse(lines[1]) as Json;
        dialect.edit(edited);
        lines[1] = JSON.stringify(edited);
        writeFileSync(input, lines.join('\n'));
        // As if a killed run had sent the edited line and had no answer yet.
        appendFileSync(paths.sent, `${JSON.stringify({ sent: lineHash(lines[1]), at: Date.now() })}\n`);

        const before = emulator.requestLog.count(dialect.route);
        const again = await new DirectRun(options()).run();
        assert.deepEqual([again.skippedAlreadyDone, again.resent, again.succeeded], [ids.length - 1, 1, ids.length]);
        assert.equal(emulator.requestLog.count(dialect.route) - before, 1, 'only the edited line was sent');
        const results = readLines(paths.results);
        assert.equal(results.length, ids.length, 'one answer per request');
        const answer = parseResultLine(JSON.stringify(results.find((line) => line[dialect.idKey] === ids[1])))!;
        assert.match(answer.text, /goodbye/);
      });

      it('retries a 429 (every sender waits) and writes a 400 to the error file in the dialect\'s shape, read as that error', async () => {
        const { emulator, paths, options, ids } = await setup();
        const proxy = await resources.proxy(emulator.baseUrl, ({ method, count }) => {
          if (method !== 'POST') return 'pass';
          if (count === 1) return { status: 429, body: dialect.badRequest, headers: { 'retry-after-ms': '20' } };
          if (count === 2) return { status: 400, body: dialect.badRequest };
          return 'pass';
        });
        const summary = await new DirectRun(options({ concurrency: 1, secrets: [TEST_KEY] }, proxy)).run();
        assert.deepEqual([summary.rateLimited, summary.succeeded, summary.failed], [1, ids.length - 1, 1]);
        const [failure] = readLines(paths.errors);
        assert.deepEqual(Object.keys(failure).slice(0, 2), ['id', dialect.idKey]);
        const parsed = parseResultLine(JSON.stringify(failure))!;
        assert.equal(parsed.outcome, 'failed');
        assert.equal(parsed.errorCode, dialect.badRequestCode);
        assert.ok(!readFileSync(paths.errors, 'utf8').includes(TEST_KEY));

        // The failed line runs again on the next run (its old failure is replaced); answered ones do not.
        const before = emulator.requestLog.count(dialect.route);
        const again = await new DirectRun(options()).run();
        assert.deepEqual([again.succeeded, again.failed], [ids.length - 1, 1], 'a failure is an answer: not sent again unless edited');
        assert.equal(emulator.requestLog.count(dialect.route), before);
      });

      it('writes a request that timed out as the dialect\'s failure, which retry treats as worth sending again', async () => {
        const { paths, options, ids } = await setup();
        const slow = await resources.emulator({ latencyMs: 2000 });
        const summary = await new DirectRun(options({ timeoutSeconds: 0.2, maxAttempts: 1, concurrency: 5 }, slow)).run();
        assert.equal(summary.failed, ids.length);
        for (const line of readLines(paths.errors)) {
          assert.deepEqual(Object.keys(line).slice(0, 2), ['id', dialect.idKey]);
          const parsed = parseResultLine(JSON.stringify(line))!;
          assert.equal(parsed.outcome, 'failed');
          assert.match(parsed.text, /No answer within/);
          assert.equal(failureKind({ status: 'failed', statusCode: parsed.statusCode, errorCode: parsed.errorCode }), 'retryable');
        }
      });

      it('refuses a file of another dialect before sending anything, naming the line and the dialects', async () => {
        const { emulator, input, options } = await setup();
        const other = CASES.find((candidate) => candidate !== dialect)!;
        copyFileSync(path.join(repoRoot, 'examples', other.example), input);
        await assert.rejects(new DirectRun(options()).run(), (error: unknown) => {
          assert.ok(error instanceof RunInputError);
          assert.match(error.message, new RegExp(`^Line 1 is a request for ${other.name === 'anthropic' ? 'Anthropic' : 'Gemini'}, but this profile sends requests to ${dialect.name === 'anthropic' ? 'Anthropic' : 'Gemini'}`));
          return true;
        });
        await assert.rejects(new DirectRun({ ...options(), client: new OpenAI({ apiKey: TEST_KEY, baseURL: emulator.baseUrl }) }).run(), RunInputError);
        assert.equal(emulator.requestLog.count(dialect.route) + emulator.requestLog.count(other.route), 0);
      });
    });
  }
});
