import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { chatLines, TEST_KEY, testResources, writeBatchFile } from '../providers/support';
import { lastLine, runCli } from './support';

interface FakeSeedServer {
  baseUrl: string;
  /** Bodies of `POST /v1/batch/jobs`, as received. */
  created: Record<string, unknown>[];
  close(): Promise<void>;
}

/**
 * The seed's async jobs API as its document describes it, answering with every field it names: the job
 * runs 3 requests of which the second fails, in 4.2 s of `processing_time`.
 */
async function startFakeSeedServer(): Promise<FakeSeedServer> {
  const created: Record<string, unknown>[] = [];
  const job = {
    job_id: 'job_fake_0001',
    status: 'completed',
    completed: 3,
    total: 3,
    success_rate: 0.6667,
    processing_time: 4.2,
    created: 1_800_000_000,
    completed_at: 1_800_000_005,
    total_usage: { prompt_tokens: 30, completion_tokens: 12, total_tokens: 42 },
    responses: [
      { index: 0, response: { choices: [{ index: 0, message: { role: 'assistant', content: 'one' } }], usage: { prompt_tokens: 10, completion_tokens: 6, total_tokens: 16 } } },
      { index: 1, error: { code: 'invalid_value', message: 'bad request' } },
      { index: 2, response: { choices: [{ index: 0, message: { role: 'assistant', content: 'three' } }], usage: { prompt_tokens: 20, completion_tokens: 6, total_tokens: 26 } } },
    ],
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && req.url === '/v1/batch/jobs') {
        created.push(JSON.parse(body));
        res.end(JSON.stringify({ job_id: job.job_id, status: 'queued', completed: 0, total: 3, success_rate: 0, created: job.created }));
      } else if (req.method === 'GET' && req.url === `/v1/batch/jobs/${job.job_id}`) {
        res.end(JSON.stringify(job));
      } else {
        res.statusCode = 404;
        res.end(JSON.stringify({ error: { message: 'not found', type: 'invalid_request_error' } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}/v1`, created, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('cli: the seed jobs API, field by field (a fake seed server)', function () {
  // Each test starts the CLI several times: a loaded machine takes seconds for each start.
  this.timeout(120_000);
  const resources = testResources();
  let server: FakeSeedServer;
  before(async () => {
    server = await startFakeSeedServer();
  });
  after(() => server.close());

  it('sends callback_url; keeps and shows success_rate, processing_time and total_usage; the summary\'s duration is processing_time', async () => {
    const folder = resources.folder();
    const env = { BATCH_STUDIO_DATA_DIR: path.join(folder, 'data'), BATCH_STUDIO_API_KEY: TEST_KEY };
    const connection = ['--base-url', server.baseUrl, '--kind', 'seed', '--mode', 'jobs'];
    const input = writeBatchFile(folder, 'seed.batch.jsonl', chatLines(3, 'deepseek-chat'));

    const submit = await runCli(['submit', input, ...connection, '--callback-url', 'https://hooks.example/done', '--watch', '--interval', '0.05'], env);
    assert.equal(submit.code, 1, `one request failed: ${submit.stderr}`);
    assert.equal(server.created.length, 1);
    assert.equal(server.created[0].callback_url, 'https://hooks.example/done');
    assert.equal(server.created[0].model, 'deepseek-chat');

    const status = await runCli(['status', 'job_fake_0001', ...connection], env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /^  success rate: 66\.7%$/m);
    assert.match(status.stdout, /^  processing time: 4\.2 s$/m);
    assert.match(status.stdout, /^  tokens: 30 prompt, 12 completion, 42 total$/m);
    assert.match(status.stdout, /^  callback: https:\/\/hooks\.example\/done$/m);
    const json = JSON.parse((await runCli(['status', 'job_fake_0001', ...connection, '--format', 'json'], env)).stdout);
    assert.equal(json.success_rate, 0.6667);
    assert.equal(json.processing_time, 4.2);
    assert.deepEqual(json.usage, { inputTokens: 30, cachedTokens: 0, outputTokens: 12, reasoningTokens: 0, totalTokens: 42 });

    const download = await runCli(['download', 'job_fake_0001', ...connection], env);
    assert.equal(download.code, 0, download.stderr);
    const [output, errors] = download.stdout.trim().split('\n');
    assert.match(output, /seed\.ake_0001\.results\.jsonl$/);
    assert.match(errors, /seed\.ake_0001\.errors\.jsonl$/);
    const markdown = await runCli(['results', input, output, errors, '--format', 'markdown'], env);
    assert.match(markdown.stdout, /^\| Duration \| 4\.2 s \|$/m);
    assert.match(markdown.stdout, /Seed async batch jobs: 20% off/, 'the discount follows the job\'s profile');
    const text = await runCli(['results', input, output, errors], env);
    assert.match(text.stdout, /^success rate: 66\.7%, duration: 4\.2 s, 0\.71 requests\/s, 10\.0 tokens\/s$/m);
    assert.equal(lastLine(text.stdout), '  line 2 request-2: failed: invalid_value: bad request');
  });
});
