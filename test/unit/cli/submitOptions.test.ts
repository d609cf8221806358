import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { chatLines, TEST_KEY, testResources, writeBatchFile } from '../providers/support';
import { isOneCleanLine, lastLine, runCli } from './support';

describe('cli: submit metadata, part size and endpoints a profile cannot serve', function () {
  // Each test starts the CLI several times: a loaded machine takes seconds for each start.
  this.timeout(120_000);
  const resources = testResources();

  async function setup() {
    const emulator = await resources.emulator();
    const folder = resources.folder();
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), BATCH_STUDIO_API_KEY: TEST_KEY };
    return { emulator, folder, env, connection: ['--base-url', emulator.baseUrl, '--kind', 'emulator'] };
  }

  it('refuses embeddings for the seed jobs API before anything is sent, naming the endpoint and who serves it', async () => {
    const { emulator, folder, env } = await setup();
    const line = (id: string) => ({ custom_id: id, method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'hello' } });
    const file = writeBatchFile(folder, 'embed.batch.jsonl', [line('a'), line('b')]);
    for (const mode of ['jobs', 'sync']) {
      const run = await runCli(['submit', file, '--base-url', emulator.baseUrl, '--kind', 'seed', '--mode', mode], env);
      assert.equal(run.code, 1, run.stderr);
      assert.match(run.stdout, /embed\.batch\.jsonl:1:1: error invalid_url: profile ".*" cannot serve \/v1\/embeddings: the seed's \w+ API takes only \/v1\/chat\/completions\. Submit it through a profile of kind openai, azure or emulator, or seed in files mode\./);
    }
    assert.equal(emulator.requestLog.total(), 0, 'nothing was sent');
  });

  it('sends the user\'s metadata beside the tool\'s keys, and refuses what the API would', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'meta.batch.jsonl', chatLines(1));
    const run = await runCli(['submit', file, ...connection, '--metadata', 'description=FAQ answers, v2', '--metadata', 'team=docs'], env);
    assert.equal(run.code, 0, run.stderr);
    const status = JSON.parse((await runCli(['status', lastLine(run.stdout)!, ...connection, '--format', 'json'], env)).stdout);
    assert.equal(status.metadata.description, 'FAQ answers, v2');
    assert.equal(status.metadata.team, 'docs');
    assert.match(status.metadata.sha256, /^[0-9a-f]{64}$/);

    const eleven = Array.from({ length: 11 }, (_, index) => ['--metadata', `k${index}=v`]).flat();
    for (const args of [eleven, ['--metadata', 'sha256=mine'], ['--metadata', 'novalue']]) {
      const refused = await runCli(['submit', file, ...connection, '--force', ...args], env);
      assert.equal(refused.code, 2, refused.stderr);
      assert.ok(isOneCleanLine(refused.stderr), refused.stderr);
    }
  });

  it('validate takes the profile flags too: the profile\'s limits apply unless --provider says otherwise', async () => {
    const { folder } = await setup();
    const profiles = path.join(folder, 'profiles.json');
    writeFileSync(profiles, JSON.stringify([{ name: 'Groq', kind: 'openai', baseUrl: 'https://api.groq.com/openai/v1', limits: 'groq' }]));
    const line = { custom_id: 'a', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'hello' } };
    const file = writeBatchFile(folder, 'embed.batch.jsonl', [line]);
    const groq = await runCli(['validate', file, '--profiles', profiles, '--profile', 'Groq'], {});
    assert.equal(groq.code, 1, groq.stderr);
    assert.match(groq.stdout, /error invalid_url/);
    assert.equal((await runCli(['validate', file, '--profiles', profiles, '--profile', 'Groq', '--provider', 'openai'], {})).code, 0);
    assert.equal((await runCli(['validate', file], {})).code, 0);
  });

  it('--max-requests-per-part splits below the hard limits, as one group', async () => {
    const { folder, env, connection } = await setup();
    const file = writeBatchFile(folder, 'parts.batch.jsonl', chatLines(5));
    const run = await runCli(['submit', file, ...connection, '--max-requests-per-part', '2', '--format', 'json'], env);
    assert.equal(run.code, 0, run.stderr);
    const json = JSON.parse(lastLine(run.stdout)!);
    assert.deepEqual(json.batches.map((batch: { requests: number }) => batch.requests), [2, 2, 1]);
    assert.ok(json.group_id);
  });
});
