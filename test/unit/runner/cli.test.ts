import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chatLines, repoRoot, TEST_KEY, testResources, writeBatchFile } from '../providers/support';

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; `onStderr` sees its progress lines as they come (to interrupt it mid-run). */
function cli(args: string[], onStderr?: (text: string, child: ReturnType<typeof spawn>) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { env: { PATH: process.env.PATH ?? '', BATCH_STUDIO_API_KEY: TEST_KEY } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(stderr, child);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const lastJson = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;

describe('runner: batch-studio run (the built CLI against an in-process emulator)', () => {
  const resources = testResources();

  it('runs every request, prints the JSON summary last, and a second run sends nothing', async () => {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const input = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(5));
    const out = path.join(folder, 'out');
    const first = await cli(['run', input, '--base-url', emulator.baseUrl, '--out', out, '--format', 'json']);
    assert.equal(first.code, 0, first.stderr);
    const json = lastJson(first.stdout);
    assert.deepEqual(Object.keys(json), ['status', 'total', 'succeeded', 'failed', 'skipped_already_done', 'resent', 'rate_limited', 'elapsed_ms', 'requests_per_s', 'tokens_per_s', 'output', 'errors']);
    assert.deepEqual([json.status, json.total, json.succeeded, json.failed, json.errors], ['completed', 5, 5, 0, null]);
    assert.equal(json.output, path.join(out, 'hello.results.jsonl'));
    assert.equal(readFileSync(json.output as string, 'utf8').trim().split('\n').length, 5);

    const again = await cli(['run', input, '--base-url', emulator.baseUrl, '--out', out, '--format', 'json']);
    assert.equal(lastJson(again.stdout).skipped_already_done, 5);
    assert.equal(emulator.requestLog.count('POST /v1/chat/completions'), 5);
  });

  it('runs the Anthropic and Gemini examples on direct profiles of their dialects, resumes without sending twice, and refuses a file of another dialect', async function () {
    this.timeout(60_000);
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const origin = new URL(emulator.baseUrl).origin;
    const profiles = path.join(folder, 'profiles.json');
    writeFileSync(
      profiles,
      JSON.stringify([
        { name: 'Claude direct', kind: 'direct', dialect: 'anthropic', baseUrl: origin },
        { name: 'Gemini direct', kind: 'direct', dialect: 'gemini', baseUrl: origin, model: 'gemini-2.5-pro' },
      ]),
    );
    const examples = [
      { profile: 'Claude direct', example: 'claude-translate-phrases.batch.jsonl', route: 'POST /v1/messages' },
      { profile: 'Gemini direct', example: 'gemini-study-questions.batch.jsonl', route: 'POST /v1beta/models/{model}:generateContent' },
    ];
    for (const { profile, example, route } of examples) {
      const input = path.join(folder, example);
      copyFileSync(path.join(repoRoot, 'examples', example), input);
      const args = ['run', input, '--profiles', profiles, '--profile', profile, '--format', 'json'];
      const first = await cli(args);
      assert.equal(first.code, 0, first.stderr);
      const json = lastJson(first.stdout);
      assert.deepEqual([json.status, json.total, json.succeeded, json.failed, json.errors], ['completed', 5, 5, 0, null]);
      assert.equal(readFileSync(json.output as string, 'utf8').trim().split('\n').length, 5);
      const again = await cli(args);
      assert.deepEqual([lastJson(again.stdout).skipped_already_done, lastJson(again.stdout).succeeded], [5, 5]);
      assert.equal(emulator.requestLog.count(route), 5, `${example}: no request sent twice`);
    }
    const wrong = await cli(['run', path.join(folder, examples[0].example), '--profiles', profiles, '--profile', 'Gemini direct']);
    assert.equal(wrong.code, 1);
    assert.match(wrong.stderr, /not run: .*Line 1 is a request for Anthropic, but this profile sends requests to Gemini/);
    assert.equal(emulator.requestLog.count('POST /v1beta/models/{model}:generateContent'), 5, 'nothing sent for the refused file');
  });

  it('exits 1 when any request failed or the file holds a line it cannot run (sending nothing), and 2 on a usage error with one line and no stack trace', async () => {
    const emulator = await resources.emulator({ failRate: 1 });
    const folder = resources.folder();
    const input = writeBatchFile(folder, 'failing.batch.jsonl', chatLines(2));
    const failed = await cli(['run', input, '--base-url', emulator.baseUrl, '--max-attempts', '1']);
    assert.equal(failed.code, 1);
    assert.match(failed.stdout, /0 succeeded, 2 failed/);
    const repeated = writeBatchFile(folder, 'repeated.batch.jsonl', [...chatLines(2), chatLines(1)[0]]);
    const refused = await cli(['run', repeated, '--base-url', emulator.baseUrl]);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /not run: .*custom_id "request-1" appears more than once/);
    assert.equal(emulator.requestLog.count('POST /v1/chat/completions'), 2, 'nothing of the refused file was sent');
    const usage = await cli(['run', input, '--concurrency', 'many']);
    assert.equal(usage.code, 2);
    assert.doesNotMatch(usage.stderr, /\n\s+at /);
  });

  it('SIGINT stops the run, exits 130 with what was answered in the journal, and the same command carries on', async () => {
    const emulator = await resources.emulator({ latencyMs: 20 });
    const folder = resources.folder();
    const input = writeBatchFile(folder, 'long.batch.jsonl', chatLines(400));
    const args = ['run', input, '--base-url', emulator.baseUrl, '--concurrency', '2', '--format', 'json'];
    let interrupted = false;
    const stopped = await cli(args, (stderr, child) => {
      if (!interrupted && /\d+\/400 answered/.test(stderr) && !/ 0\/400/.test(stderr.trim().split('\n').at(-1)!)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    assert.equal(stopped.code, 130, stopped.stderr);
    const partial = lastJson(stopped.stdout);
    assert.equal(partial.status, 'cancelled');
    const journal = path.join(folder, 'long.results.jsonl');
    assert.ok(existsSync(journal));
    const kept = readFileSync(journal, 'utf8').trim().split('\n').length;
    assert.equal(kept, partial.succeeded);

    const resumed = await cli(args);
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.equal(lastJson(resumed.stdout).skipped_already_done, kept);
    const ids = readFileSync(journal, 'utf8').trim().split('\n').map((line) => (JSON.parse(line) as { custom_id: string }).custom_id);
    assert.equal(new Set(ids).size, 400);
    assert.equal(ids.length, 400);
  });
});
