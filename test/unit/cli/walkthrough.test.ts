import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../providers/support';

/** Runs examples/cli-walkthrough.sh with the built CLI; resolves to its output and exit code. */
function runWalkthrough(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [path.join(repoRoot, 'examples', 'cli-walkthrough.sh')], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH ?? '', TMPDIR: process.env.TMPDIR ?? '/tmp', BATCH_STUDIO: `${process.execPath} ${path.join(repoRoot, 'dist', 'cli.js')}`, FAIL_RATE: '0.3', SEED: '7' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('examples/cli-walkthrough.sh: the whole flow from the command line against the emulator with --fail-rate', () => {
  it('submit → watch → download → results → retry → submit the retry file → watch, with the documented exit codes', async function () {
    this.timeout(180_000);
    const run = await runWalkthrough();
    assert.equal(run.code, 0, run.stderr);
    const codes = Object.fromEntries([...run.stdout.matchAll(/^([a-z-]+): exit (\d+)$/gm)].map((match) => [match[1], Number(match[2])]));
    assert.deepEqual(codes, {
      submit: 0,
      // Under seed 7, two of the twelve requests are answered 500/503: the batch completes with failures.
      watch: 1,
      download: 0,
      results: 1,
      // Both failures are retryable (5xx): the retry file holds them, and no permanent failure is left out.
      retry: 0,
      'submit-retry': 0,
      // A retried request draws its fault afresh: this time both succeed.
      'watch-retry': 0,
    });
    assert.match(run.stdout, /^output file: .*\/summarize-articles\.[0-9a-f]{8}\.results\.jsonl$/m);
    assert.match(run.stdout, /^error file: .*\/summarize-articles\.[0-9a-f]{8}\.errors\.jsonl$/m);
    assert.match(run.stdout, /^retry file: .*\/summarize-articles\.retry-1\.batch\.jsonl$/m);
    assert.match(run.stdout, /^12 requests: 10 succeeded \(83\.3%\), 2 failed, 0 missing$/m);
  });
});
