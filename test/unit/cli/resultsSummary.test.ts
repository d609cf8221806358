import assert from 'node:assert/strict';
import path from 'node:path';
import { chatLines, repoRoot, TEST_KEY, testResources, writeBatchFile } from '../providers/support';
import { lastLine, runCli } from './support';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'results');
const mixed = ['mixed.batch.jsonl', 'mixed.results.jsonl', 'mixed.errors.jsonl'].map((name) => path.join(fixtures, name));

describe('cli: batch-studio results summary, metrics and markdown', function () {
  // Each test starts the CLI several times: a loaded machine takes seconds for each start.
  this.timeout(120_000);
  const resources = testResources();

  it('--format markdown prints the summary the extension shows, with its charts', async () => {
    const run = await runCli(['results', ...mixed, '--format', 'markdown'], {});
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^# Results of mixed\\?\.batch\\?\.jsonl\n/);
    assert.match(run.stdout, /^\| Succeeded \| 2 \(33\.3%\) \|$/m);
    assert.match(run.stdout, /^## Cost$/m);
    assert.match(run.stdout, /Batch API \(OpenAI, Azure OpenAI\): 50% off/);
    assert.match(run.stdout, /^!\[Requests by status\]\(data:image\/svg\+xml;base64,/m);
  });

  it('text shows success rate and average tokens; the seed discount follows the profile\'s mode', async () => {
    const run = await runCli(['results', ...mixed, '--kind', 'seed', '--mode', 'jobs', '--base-url', 'http://127.0.0.1:9/v1'], {});
    assert.equal(run.code, 1, run.stderr);
    assert.match(run.stdout, /^success rate: 33\.3%, duration: unknown$/m);
    assert.match(run.stdout, /^average tokens per succeeded request: 17\.0 \(12\.0 prompt, 5\.0 completion\)$/m);
    assert.match(run.stdout, /Seed async batch jobs: 20% off/);
    const sync = await runCli(['results', ...mixed, '--kind', 'seed', '--mode', 'sync', '--base-url', 'http://127.0.0.1:9/v1', '--format', 'markdown'], {});
    assert.match(sync.stdout, /Seed realtime batch: 10% off/);
  });

  it('results of a downloaded job have its duration and throughput', async () => {
    // In real time, two requests a second: the batch runs for about two seconds.
    const emulator = await resources.emulator({ timeScale: 1, requestsPerSecond: 2 });
    const folder = resources.folder();
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), BATCH_STUDIO_API_KEY: TEST_KEY };
    const connection = ['--base-url', emulator.baseUrl, '--kind', 'emulator'];
    const input = writeBatchFile(folder, 'timed.batch.jsonl', chatLines(4));
    const submit = await runCli(['submit', input, ...connection, '--watch', '--interval', '0.05'], env);
    assert.equal(submit.code, 0, submit.stderr);
    const id = submit.stdout.trim().split('\n')[1];
    const output = lastLine((await runCli(['download', id, ...connection], env)).stdout)!;
    const run = await runCli(['results', input, output], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^success rate: 100\.0%, duration: [\d.]+ (min \d+ )?s, [\d.]+ requests\/s, [\d.]+ tokens\/s$/m);
  });
});
