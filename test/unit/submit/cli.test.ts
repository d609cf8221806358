import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { chatLine, chatLines, TEST_KEY, testResources, writeBatchFile } from '../providers/support';
import { lastLine, runCli as cli } from '../cli/support';

describe('submit: batch-studio submit and status (the built CLI against an in-process emulator)', () => {
  const resources = testResources();

  async function setup() {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), BATCH_STUDIO_API_KEY: TEST_KEY };
    const connection = ['--base-url', emulator.baseUrl, '--kind', 'emulator'];
    return { emulator, folder, env, connection };
  }

  it('submits, prints the batch id last, refuses the duplicate naming it, and --force submits again', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(3));

    const first = await cli(['submit', file, ...connection], env);
    assert.equal(first.code, 0, first.stderr);
    const id = lastLine(first.stdout)!;
    assert.match(id, /^batch_/);

    const duplicate = await cli(['submit', file, ...connection], env);
    assert.equal(duplicate.code, 1);
    assert.ok(duplicate.stderr.includes(id), duplicate.stderr);
    assert.match(duplicate.stderr, /--force/);

    const forced = await cli(['submit', file, ...connection, '--force', '--format', 'json'], env);
    assert.equal(forced.code, 0, forced.stderr);
    const json = JSON.parse(lastLine(forced.stdout)!);
    assert.deepEqual(Object.keys(json).sort(), ['batch_id', 'input_file_id', 'requests', 'sha256', 'status']);
    assert.notEqual(json.batch_id, id);
    assert.equal(json.requests, 3);
    assert.match(json.sha256, /^[0-9a-f]{64}$/);

    const status = await cli(['status', id, ...connection], env);
    assert.equal(status.code, 0, status.stderr);
    assert.ok(status.stdout.startsWith(`${id}: `));
    assert.ok(['validating', 'in_progress', 'finalizing', 'completed'].includes(lastLine(status.stdout)!));
    const statusJson = JSON.parse((await cli(['status', id, ...connection, '--format', 'json'], env)).stdout);
    assert.equal(statusJson.batch_id, id);
    assert.equal(statusJson.request_counts.total, 3);
  });

  it('refuses an invalid file with its diagnostics (exit 1) and sends nothing', async () => {
    const { emulator, folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'bad.batch.jsonl', [chatLine('a'), chatLine('a')]);
    const run = await cli(['submit', file, ...connection], env);
    assert.equal(run.code, 1);
    assert.match(run.stdout, /bad\.batch\.jsonl:2:\d+: error duplicate_custom_id/);
    assert.equal(emulator.requestLog.total(), 0);
  });

  it('usage errors exit 2 with one line and no stack trace', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(1));
    const runs = [
      await cli(['submit', file, '--kind', 'openai', '--base-url', 'http://127.0.0.1:9/v1'], { BATCH_STUDIO_DATA_DIR: env.BATCH_STUDIO_DATA_DIR }),
      await cli(['submit', file, '--profile', 'Missing'], env),
      await cli(['submit', path.join(folder, 'nope.jsonl'), ...connection], env),
      await cli(['submit', file, '--kind', 'wrong'], env),
    ];
    for (const run of runs) {
      assert.equal(run.code, 2, run.stderr);
      assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
      assert.ok(!/\n\s+at /.test(run.stderr), run.stderr);
    }
    assert.match(runs[0].stderr, /no API key .*: set BATCH_STUDIO_API_KEY$/m);
  });

  it('profiles come from --profiles or BATCH_STUDIO_PROFILES; the seed sync mode works through the CLI', async () => {
    const { emulator, folder, env } = await setup();
    const profiles = path.join(folder, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ name: 'Local seed', kind: 'seed', baseUrl: emulator.baseUrl, mode: 'files' }]));
    const file = writeBatchFile(folder, 'chat.batch.jsonl', chatLines(4, 'deepseek-chat'));
    const run = await cli(['submit', file, '--profile', 'Local seed', '--mode', 'sync', '--format', 'json'], { ...env, BATCH_STUDIO_PROFILES: profiles });
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(lastLine(run.stdout)!);
    assert.equal(json.status, 'completed');
    assert.equal(emulator.requestLog.count('POST /v1/batch/chat/completions'), 1);
    const status = await cli(['status', json.batch_id, '--profile', 'Local seed', '--mode', 'sync', '--profiles', profiles], env);
    assert.equal(lastLine(status.stdout), 'completed', status.stderr);
  });

  it('a provider refusal exits 1 with what to do, and the key is never printed', async () => {
    const { emulator, folder, env } = await setup();
    const proxy = await resources.proxy(emulator.baseUrl, ({ method }) =>
      method === 'GET' ? { status: 401, body: { error: { message: `Incorrect API key provided: ${TEST_KEY}.`, type: 'invalid_request_error', code: 'invalid_api_key' } } } : 'pass',
    );
    const file = writeBatchFile(folder, 'hello.batch.jsonl', chatLines(1));
    for (const format of ['text', 'json']) {
      const run = await cli(['submit', file, '--base-url', proxy.baseUrl, '--kind', 'openai', '--format', format], env);
      assert.equal(run.code, 1);
      assert.match(run.stdout + run.stderr, /Set the API key/);
      assert.ok(!(run.stdout + run.stderr).includes(TEST_KEY), run.stdout + run.stderr);
    }
  });

  it('four submits at once keep four job records', async () => {
    const { folder, env, connection } = await setup();
    const files = [1, 2, 3, 4].map((index) => writeBatchFile(folder, `part-${index}.batch.jsonl`, chatLines(index, 'gpt-4o-mini', `p${index}`)));
    const runs = await Promise.all(files.map((file) => cli(['submit', file, ...connection, '--format', 'json'], env)));
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const recorded = JSON.parse(readFileSync(path.join(env.BATCH_STUDIO_DATA_DIR, 'jobs.json'), 'utf8')) as { id: string }[];
    assert.deepEqual(recorded.map((job) => job.id).sort(), runs.map((run) => JSON.parse(lastLine(run.stdout)!).batch_id).sort());
  });

  it('a corrupt job list is moved aside with a warning naming it, and the run goes on', async () => {
    const { folder, env, connection } = await setup();
    const list = path.join(env.BATCH_STUDIO_DATA_DIR, 'jobs.json');
    mkdirSync(env.BATCH_STUDIO_DATA_DIR, { recursive: true });
    writeFileSync(list, '[{"id": "batch_cut');
    const run = await cli(['submit', writeBatchFile(folder, 'a.batch.jsonl', chatLines(1)), ...connection], env);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /warning: .*jobs\.json .*moved to .*jobs\.json\.corrupt-/);
    assert.doesNotMatch(run.stderr, /Unexpected end of JSON input/);
    const aside = readdirSync(env.BATCH_STUDIO_DATA_DIR).filter((name) => name.startsWith('jobs.json.corrupt-'));
    assert.equal(aside.length, 1);
    assert.equal(readFileSync(path.join(env.BATCH_STUDIO_DATA_DIR, aside[0]), 'utf8'), '[{"id": "batch_cut');
    assert.equal((JSON.parse(readFileSync(list, 'utf8')) as unknown[]).length, 1);
  });
});
