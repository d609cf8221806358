import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, testResources } from '../providers/support';
import { isOneCleanLine, runCli } from './support';

describe('cli: batch-studio retry', function () {
  // Each test starts the CLI several times: a loaded machine takes seconds for each start.
  this.timeout(120_000);
  const resources = testResources();

  /** The paired fixtures: a3 failed 400 context_length_exceeded, a7 expired, a5 has no result. */
  function pairedFiles(): { input: string; output: string; errors: string; lines: string[] } {
    const folder = resources.folder();
    const copy = (name: string) => {
      const target = path.join(folder, name);
      copyFileSync(path.join(repoRoot, 'test', 'fixtures', 'results-ext', name), target);
      return target;
    };
    const input = copy('paired.batch.jsonl');
    return { input, output: copy('paired.results.jsonl'), errors: copy('paired.errors.jsonl'), lines: readFileSync(input, 'utf8').split('\n') };
  }

  it('writes the retryable requests, lists the permanent ones by line on stderr (exit 1), and --all includes them', async () => {
    const { input, output, errors, lines } = pairedFiles();
    const run = await runCli(['retry', input, output, errors], {});
    assert.equal(run.code, 1, run.stderr);
    const written = run.stdout.trim();
    assert.equal(written, path.join(path.dirname(input), 'paired.retry-1.batch.jsonl'));
    assert.equal(readFileSync(written, 'utf8'), `${lines[5]}\n${lines[7]}\n`);
    assert.match(run.stderr, /1 permanent failure .*--all/);
    assert.ok(run.stderr.includes(`${input}:3: a3: [400] context_length_exceeded: This model's maximum context length is 8192 tokens.`), run.stderr);

    const all = await runCli(['retry', input, output, errors, '--all', '--format', 'json'], {});
    assert.equal(all.code, 0, all.stderr);
    const json = JSON.parse(all.stdout);
    assert.equal(json.path, path.join(path.dirname(input), 'paired.retry-2.batch.jsonl'));
    assert.equal(json.requests, 3);
    assert.deepEqual(json.permanent, [{ line: 3, custom_id: 'a3', status_code: 400, error_code: 'context_length_exceeded' }]);
    assert.equal(readFileSync(json.path, 'utf8'), `${lines[2]}\n${lines[5]}\n${lines[7]}\n`);
  });

  it('a missing file is a usage error with one clean line', async () => {
    const run = await runCli(['retry', '/nonexistent/in.jsonl', '/nonexistent/out.jsonl'], {});
    assert.equal(run.code, 2);
    assert.ok(isOneCleanLine(run.stderr), run.stderr);
  });
});
