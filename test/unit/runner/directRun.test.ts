import assert from 'node:assert/strict';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import OpenAI from 'openai';
import { DirectRun, journalPathsFor, type DirectRunOptions } from '../../../src/core/runner';
import { lineHash } from '../../../src/core/runner/lineHash';
import { chatLines, TEST_KEY, testResources, writeBatchFile } from '../providers/support';

/** A journal line as the tests read it. */
interface JournalLine {
  id: string;
  custom_id: string;
  response: { status_code: number; body: { object?: string; choices: { message: { content: string } }[]; error: { code: string } } } | null;
  error: { code: string; message: string } | null;
  /** Unix seconds. */
  sent_at: number;
}

function readLines(file: string): JournalLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as JournalLine);
}

function client(baseUrl: string): OpenAI {
  return new OpenAI({ apiKey: TEST_KEY, baseURL: baseUrl, maxRetries: 0 });
}

describe('runner: DirectRun against the emulator', () => {
  const resources = testResources();

  async function setup(count: number, emulatorOptions = {}) {
    const emulator = await resources.emulator(emulatorOptions);
    const folder = resources.folder();
    const input = writeBatchFile(folder, 'reviews.batch.jsonl', chatLines(count));
    const paths = journalPathsFor(input);
    const options = (overrides: Partial<DirectRunOptions> = {}): DirectRunOptions => ({ inputPath: input, client: client(emulator.baseUrl), concurrency: 4, retryBaseDelayMs: 5, ...overrides });
    return { emulator, folder, input, paths, options };
  }

  it('answers every line once, in the OpenAI batch output format with its send time, beside the input, and leaves no sent log', async () => {
    const { paths, options } = await setup(12);
    const before = Math.floor(Date.now() / 1000);
    const summary = await new DirectRun(options()).run();
    const after = Math.ceil(Date.now() / 1000);
    assert.equal(summary.state, 'completed');
    assert.deepEqual([summary.total, summary.succeeded, summary.failed, summary.skippedAlreadyDone, summary.resent], [12, 12, 0, 0, 0]);
    const results = readLines(paths.results);
    assert.deepEqual(results.map((line) => line.custom_id).sort(), chatLines(12).map((line) => line.custom_id).sort());
    for (const line of results) {
      assert.deepEqual(Object.keys(line), ['id', 'custom_id', 'response', 'error', 'sent_at']);
      assert.ok(line.sent_at >= before && line.sent_at <= after, `sent_at ${line.sent_at} within the run`);
      assert.equal(line.response?.status_code, 200);
      assert.equal(line.response?.body.object, 'chat.completion');
      assert.equal(line.error, null);
    }
    assert.equal(existsSync(paths.errors), false);
    assert.equal(existsSync(paths.sent), false);
  });

  it('run again: sends nothing already answered; an edited line runs again and its old answer is dropped', async () => {
    const { emulator, input, paths, options } = await setup(5);
    await new DirectRun(options()).run();
    const calls = () => emulator.requestLog.count('POST /v1/chat/completions');
    const lines = readFileSync(input, 'utf8').split('\n');
    lines[2] = lines[2].replace('Say hello', 'Say goodbye');
    writeFileSync(input, lines.join('\n'));

    const before = calls();
    const again = await new DirectRun(options()).run();
    assert.equal(again.skippedAlreadyDone, 4);
    assert.equal(again.succeeded, 5);
    const results = readLines(paths.results);
    assert.equal(results.length, 5, 'one answer per custom_id');
    const edited = results.find((line) => line.custom_id === 'request-3')!;
    assert.match(edited.response!.body.choices[0].message.content, /goodbye/);
    assert.equal(calls() - before, 1, 'only the edited line was sent');
  });

  it('counts and re-sends only what the sent log shows was in flight when the last run stopped', async () => {
    const { input, paths, options } = await setup(6);
    // A run that stopped after answering the first 3 with request-4 in flight.
    const first = new DirectRun(options({ concurrency: 1 }));
    let answered = 0;
    first.onProgress((progress) => {
      answered = progress.succeeded;
      if (answered === 3) first.cancel();
    });
    const stopped = await first.run();
    assert.equal(stopped.state, 'cancelled');
    const done = readLines(paths.results).length;
    const inFlight = readFileSync(input, 'utf8').split('\n')[done];
    appendFileSync(paths.sent, `${JSON.stringify({ sent: lineHash(inFlight), at: Date.now() })}\n`);

    const second = await new DirectRun(options()).run();
    assert.equal(second.skippedAlreadyDone, done);
    assert.equal(second.resent, 1);
    const ids = readLines(paths.results).map((line) => line.custom_id);
    assert.equal(ids.length, 6);
    assert.equal(new Set(ids).size, 6, 'every request answered exactly once');
  });

  it('retries 429s and 5xx with backoff (every sender slows), sends other 4xx straight to the error file', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const input = writeBatchFile(folder, 'mixed.batch.jsonl', chatLines(6));
    const proxy = await resources.proxy(emulator.baseUrl, ({ count }) => {
      if (count === 1) return { status: 429, body: { error: { message: 'Rate limit reached', type: 'requests', code: 'rate_limit_exceeded' } }, headers: { 'retry-after-ms': '20' } };
      if (count === 2) return { status: 503, body: { error: { message: 'overloaded', type: 'server_error' } } };
      if (count === 3) return { status: 400, body: { error: { message: 'Invalid value for messages', type: 'invalid_request_error', code: 'invalid_value', param: 'messages' } } };
      return 'pass';
    });
    const summary = await new DirectRun({ inputPath: input, client: client(proxy.baseUrl), concurrency: 1, retryBaseDelayMs: 5 }).run();
    assert.equal(summary.rateLimited, 1);
    assert.equal(summary.succeeded, 5);
    assert.equal(summary.failed, 1);
    assert.equal(proxy.seen.get('POST /v1/chat/completions'), 8, '6 requests + the 429 and the 503 sent again; the 400 once');
    const [failure] = readLines(journalPathsFor(input).errors);
    assert.equal(failure.response?.status_code, 400);
    assert.equal(failure.response?.body.error.code, 'invalid_value');
    assert.equal(failure.error, null);
  });

  it('gives up after maxAttempts on a server that keeps failing, writing the last status to the error file', async () => {
    const { paths, options } = await setup(2, { failRate: 1 });
    const summary = await new DirectRun(options({ maxAttempts: 3 })).run();
    assert.equal(summary.failed, 2);
    const failures = readLines(paths.errors);
    assert.ok(failures.every((line) => (line.response?.status_code ?? 0) >= 500));
  });

  it('waits through keep-alive blank lines up to timeoutSeconds, and times out past it', async () => {
    const { paths, options } = await setup(2, { keepAliveMs: 1200 });
    const patient = await new DirectRun(options({ timeoutSeconds: 10 })).run();
    assert.equal(patient.succeeded, 2);
    const { paths: impatientPaths, options: impatient } = await setup(1, { keepAliveMs: 1200 });
    const summary = await new DirectRun(impatient({ timeoutSeconds: 0.3, maxAttempts: 1 })).run();
    assert.equal(summary.failed, 1);
    assert.equal(readLines(impatientPaths.errors)[0].error?.code, 'timeout');
    assert.ok(readLines(paths.results).every((line) => line.response?.body.object === 'chat.completion'));
  });

  it('pauses between requests and resumes, and never writes the key into the journal', async () => {
    const { paths, options } = await setup(4, { failRate: 1 });
    const run = new DirectRun(options({ concurrency: 1, maxAttempts: 1, secrets: [TEST_KEY] }));
    let paused = false;
    run.onProgress((progress) => {
      if (!paused && progress.failed === 1) {
        paused = true;
        run.pause();
        assert.equal(run.progress().state, 'paused');
        setImmediate(() => run.resume());
      }
    });
    const summary = await run.run();
    assert.equal(summary.failed, 4);
    assert.ok(!readFileSync(paths.errors, 'utf8').includes(TEST_KEY));
  });
});
