import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chatLines, TEST_KEY, testResources, writeBatchFile } from '../providers/support';
import { isOneCleanLine, lastLine, runCli } from './support';

describe('cli: watch, download, list and cancel against the emulator', function () {
  // Each test starts the CLI several times: a loaded machine takes seconds for each start.
  this.timeout(120_000);
  const resources = testResources();

  async function setup(options: Parameters<typeof resources.emulator>[0] = {}) {
    const emulator = await resources.emulator(options);
    const folder = resources.folder();
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), BATCH_STUDIO_API_KEY: TEST_KEY };
    const connection = ['--base-url', emulator.baseUrl, '--kind', 'emulator'];
    return { emulator, folder, env, connection };
  }

  it('watches a batch to its end (exit 0), downloads its files beside the input and lists it', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(3));
    const id = lastLine((await runCli(['submit', file, ...connection], env)).stdout)!;

    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 0, watch.stderr);
    assert.equal(lastLine(watch.stdout), 'completed');
    assert.match(watch.stdout, new RegExp(`^${id}: completed 3/3$`, 'm'), 'one line per change when not on a terminal');

    const download = await runCli(['download', id, ...connection], env);
    assert.equal(download.code, 0, download.stderr);
    const written = download.stdout.trim().split('\n');
    assert.deepEqual(written, [path.join(folder, `hello.${id.slice(-8)}.results.jsonl`)]);
    assert.equal(readFileSync(written[0], 'utf8').trim().split('\n').length, 3);

    const again = await runCli(['download', id, ...connection, '--format', 'json'], env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(JSON.parse(again.stdout).output, written[0]);

    const list = await runCli(['list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${id}\tcompleted\t3/3\t`, 'm'));
    assert.equal((await runCli(['list', '--active'], env)).stdout, '');
    const remote = JSON.parse((await runCli(['list', '--remote', ...connection, '--format', 'json'], env)).stdout);
    assert.ok(remote.jobs.some((job: { batch_id: string }) => job.batch_id === id));
  });

  it('downloads an unknown batch into --out under its id, and keeps a changed file unless --force', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(2));
    const id = lastLine((await runCli(['submit', file, ...connection], env)).stdout)!;
    await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    const elsewhere = { ...env, BATCH_STUDIO_DATA_DIR: path.join(folder, 'other-machine') };
    const out = path.join(folder, 'out');

    const first = await runCli(['download', id, ...connection, '--out', out], elsewhere);
    assert.equal(first.code, 0, first.stderr);
    assert.deepEqual(readdirSync(out), [`${id}.results.jsonl`]);
    const target = path.join(out, `${id}.results.jsonl`);
    writeFileSync(target, 'my notes\n');

    const refused = await runCli(['download', id, ...connection, '--out', out], elsewhere);
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /kept .*--force overwrites it/);
    assert.equal(readFileSync(target, 'utf8'), 'my notes\n');

    const forced = await runCli(['download', id, ...connection, '--out', out, '--force'], elsewhere);
    assert.equal(forced.code, 0, forced.stderr);
    assert.notEqual(readFileSync(target, 'utf8'), 'my notes\n');
  });

  it('exits 1 for a batch with failed requests, and for one that failed', async () => {
    const { folder, env, connection } = await setup({ failRate: 1 });
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(2));
    const id = lastLine((await runCli(['submit', file, ...connection], env)).stdout)!;
    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05', '--format', 'json'], env);
    assert.equal(watch.code, 1, watch.stderr);
    const json = JSON.parse(lastLine(watch.stdout)!);
    assert.equal(json.status, 'completed');
    assert.equal(json.request_counts.failed, 2);

    const other = await setup({ batchFault: 'fail_validation' });
    const failedId = lastLine((await runCli(['submit', writeBatchFile(other.folder, 'x.batch.jsonl', chatLines(1)), ...other.connection], other.env)).stdout)!;
    const failed = await runCli(['watch', failedId, ...other.connection, '--interval', '0.05'], other.env);
    assert.equal(failed.code, 1);
    assert.equal(lastLine(failed.stdout), 'failed');
  });

  it('cancels a running batch; a batch that has no files yet is not downloaded (exit 1)', async () => {
    const { folder, env, connection } = await setup({ batchFault: 'stall' });
    const id = lastLine((await runCli(['submit', writeBatchFile(folder, 'slow.batch.jsonl', chatLines(2)), ...connection], env)).stdout)!;
    const download = await runCli(['download', id, ...connection], env);
    assert.equal(download.code, 1);
    assert.match(download.stderr, /has no result files .*batch-studio watch/);
    const cancel = await runCli(['cancel', id, ...connection], env);
    assert.equal(cancel.code, 0, cancel.stderr);
    assert.match(lastLine(cancel.stdout)!, /^cancell(ing|ed)$/);
    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 1);
    assert.equal(lastLine(watch.stdout), 'cancelled');
  });

  it('a refusal names what failed: cancelling a finished batch, the status of an unknown one', async () => {
    const { folder, env, connection } = await setup();
    const id = lastLine((await runCli(['submit', writeBatchFile(folder, 'done.batch.jsonl', chatLines(1)), ...connection], env)).stdout)!;
    await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    const cancel = await runCli(['cancel', id, ...connection], env);
    assert.equal(cancel.code, 1);
    assert.match(cancel.stderr, /^batch-studio cancel: Cancelling failed/);
    const status = await runCli(['status', 'batch_unknown', ...connection], env);
    assert.equal(status.code, 1);
    assert.doesNotMatch(status.stderr, /Submission|submit again/, status.stderr);
  });

  it('watch rides out a rate limit (429 with Retry-After) with one line on stderr, and never prints the key', async () => {
    const { emulator, folder, env } = await setup();
    // The first status answer says the batch is still running (whatever the time it took to start); the next
    // three are 429s (the SDK repeats a 429 twice itself, the third reaches the poller, which waits as told).
    const proxy = await resources.proxy(emulator.baseUrl, ({ method, path: requestPath, count }) => {
      if (method !== 'GET' || !requestPath.startsWith('/v1/batches/')) return 'pass';
      const id = requestPath.split('/').pop()!;
      if (count === 1) return { status: 200, body: { id, object: 'batch', endpoint: '/v1/chat/completions', input_file_id: 'file-x', completion_window: '24h', status: 'in_progress', created_at: Math.floor(Date.now() / 1000), request_counts: { total: 2, completed: 0, failed: 0 } } };
      if (count <= 4) return { status: 429, body: { error: { message: `Rate limit reached for key ${TEST_KEY}.`, type: 'requests', code: 'rate_limit_exceeded' } }, headers: { 'retry-after-ms': '20' } };
      return 'pass';
    });
    const connection = ['--base-url', proxy.baseUrl, '--kind', 'emulator'];
    const id = lastLine((await runCli(['submit', writeBatchFile(folder, 'limited.batch.jsonl', chatLines(2)), ...connection], env)).stdout)!;
    const watch = await runCli(['watch', id, ...connection, '--interval', '0.05'], env);
    assert.equal(watch.code, 0, watch.stderr);
    assert.equal(lastLine(watch.stdout), 'completed');
    assert.match(watch.stderr, /^batch-studio watch: a status check failed; trying again: /);
    assert.ok(isOneCleanLine(watch.stderr), watch.stderr);
    assert.ok(!(watch.stdout + watch.stderr).includes(TEST_KEY));
  });

  it('submit --watch submits, then waits; its JSON status is the last line', async () => {
    const { folder, env, connection } = await setup();
    const run = await runCli(['submit', writeBatchFile(folder, 'w.batch.jsonl', chatLines(2)), ...connection, '--watch', '--interval', '0.05', '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    assert.equal(lines[0].batch_id, lines.at(-1).batch_id);
    assert.equal(lines.at(-1).status, 'completed');
  });

  it('usage errors exit 2 with one clean line', async () => {
    const { env, connection } = await setup();
    for (const args of [['watch'], ['watch', 'x', ...connection, '--interval', '0'], ['download'], ['list', '--limit', '500'], ['cancel']]) {
      const run = await runCli(args, env);
      assert.equal(run.code, 2, `${args.join(' ')}: ${run.stderr}`);
      assert.ok(isOneCleanLine(run.stderr), run.stderr);
    }
    assert.equal(existsSync(path.join(env.BATCH_STUDIO_DATA_DIR, 'downloads.json')), false);
  });
});
