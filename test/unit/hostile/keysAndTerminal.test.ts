import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jobFromBatch } from '../../../src/core/providers/jobFromBatch';
import { REDACTED, redactSecrets, rememberSecret } from '../../../src/core/providers/redaction';
import { runCli } from '../cli/support';
import { jsonAnswer, startHostileServer, type HostileServer } from './hostileServer';

const AZURE_KEY = '0123456789abcdef0123456789abcdef';
const GROQ_KEY = 'gsk_AbCdEf0123456789GhIjKl';
/** A gateway key of no known shape: only knowing it is in use can remove it. */
const GATEWAY_KEY = 'corp.gateway.K3y!value';
const TERMINAL_ATTACK = '\u001b[2J\u001b]52;c;cm0gLXJmIH4=\u0007\rdone';

describe('keys never leave in text', () => {
  it('removes Groq, Azure and OpenAI key shapes, and any key in use whatever its shape', () => {
    const text = `Incorrect key ${GROQ_KEY}; azure api-key ${AZURE_KEY}; sk-proj-abcdefgh12345678; url ?key=AIzaSyA1234567890123456789012 and ${GATEWAY_KEY}`;
    rememberSecret(GATEWAY_KEY);
    const redacted = redactSecrets(text);
    for (const secret of [GROQ_KEY, AZURE_KEY, 'sk-proj-abcdefgh12345678', 'AIzaSyA1234567890123456789012', GATEWAY_KEY]) assert.ok(!redacted.includes(secret), redacted);
    assert.ok(redacted.includes(REDACTED));
  });

  it('keeps ids that only look alike: request ids, hashes, batch ids', () => {
    const text = `req_0123456789abcdef0123456789abcdef ${'ab'.repeat(32)} batch_0mbx3k2a1f9c41d2e0b7a6 file-abc`;
    assert.equal(redactSecrets(text), text);
  });

  it('a batch record from the server keeps no key in its error messages', () => {
    rememberSecret(GATEWAY_KEY);
    const job = jobFromBatch(
      { id: 'batch_1', status: 'failed', endpoint: '/v1/chat/completions', created_at: 1, request_counts: { total: 1, completed: 0, failed: 1 }, errors: { data: [{ code: 'x', message: `key ${GATEWAY_KEY} and ${AZURE_KEY}` }] } },
      'P',
    );
    assert.ok(!JSON.stringify(job).includes(GATEWAY_KEY));
    assert.ok(!JSON.stringify(job).includes(AZURE_KEY));
  });
});

describe('batch-studio status against a hostile server', () => {
  let server: HostileServer;
  let dataDir = '';
  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'batch-studio-hostile-'));
  });
  afterEach(async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('prints no key and no terminal control sequence from the batch; JSON stays JSON', async () => {
    const batch = {
      id: 'batch_hostile',
      object: 'batch',
      status: 'failed',
      endpoint: '/v1/chat/completions',
      created_at: 1,
      request_counts: { total: 1, completed: 0, failed: 1 },
      errors: { object: 'list', data: [{ code: `bad${TERMINAL_ATTACK}`, message: `Key ${GATEWAY_KEY} refused ${TERMINAL_ATTACK}`, line: 1 }] },
    };
    server = await startHostileServer(jsonAnswer(200, batch));
    const env = { BATCH_STUDIO_API_KEY: GATEWAY_KEY, BATCH_STUDIO_DATA_DIR: dataDir };
    const text = await runCli(['status', 'batch_hostile', '--base-url', `${server.origin}/v1`, '--kind', 'openai'], env);
    assert.equal(text.code, 0, text.stderr);
    assert.ok(!text.stdout.includes(GATEWAY_KEY), text.stdout);
    assert.doesNotMatch(text.stdout, /[\u0000-\u0009\u000b-\u001f\u007f]/, JSON.stringify(text.stdout));
    assert.match(text.stdout, /\\u001b\[2J/);
    const json = await runCli(['status', 'batch_hostile', '--base-url', `${server.origin}/v1`, '--kind', 'openai', '--format', 'json'], env);
    const parsed = JSON.parse(json.stdout) as { errors: { message: string }[] };
    assert.ok(!json.stdout.includes(GATEWAY_KEY));
    assert.ok(parsed.errors[0].message.includes('\u001b[2J'));
  });
});
