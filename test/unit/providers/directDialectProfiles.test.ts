import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiKeyVariables, MissingApiKeyError, parseProfiles, profileDialect, type Profile } from '../../../src/core/providers';
import { createAnthropicClient } from '../../../src/core/providers/anthropicClient';
import { createGeminiClient } from '../../../src/core/providers/geminiClient';
import { discountNameForProfile } from '../../../src/core/results/priceTable';
import { fileModelFor, geminiModelFor } from '../../../src/core/providers/profile';
import { createRunClient } from '../../../src/core/runner/runClient';

async function listen(handler: Parameters<typeof createServer>[1]): Promise<{ server: Server; origin: string }> {
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('providers: direct profiles of the Anthropic and Gemini dialects', () => {
  it('reads "dialect" (and Gemini\'s "model") on a direct profile; the dialect decides the API, the price stays the synchronous one', () => {
    const [anthropic, gemini] = parseProfiles([
      { name: 'Claude direct', kind: 'direct', baseUrl: 'https://api.anthropic.com', dialect: 'anthropic' },
      { name: 'Gemini direct', kind: 'direct', baseUrl: 'https://generativelanguage.googleapis.com', dialect: 'gemini', model: 'gemini-2.5-pro' },
    ]);
    assert.deepEqual([profileDialect(anthropic), profileDialect(gemini)], ['anthropic', 'gemini']);
    assert.deepEqual([geminiModelFor(gemini), geminiModelFor({ ...gemini, model: undefined })], ['gemini-2.5-pro', 'gemini-2.5-flash']);
    // A file's model: its lines' own; Gemini lines name none and take the profile's.
    assert.equal(fileModelFor({ dialect: 'gemini' }, gemini), 'gemini-2.5-pro');
    assert.equal(fileModelFor({ dialect: 'gemini' }, {}), 'gemini-2.5-flash');
    assert.equal(fileModelFor({ dialect: 'openai', model: 'gpt-4o-mini' }, gemini), 'gpt-4o-mini');
    assert.equal(fileModelFor({ dialect: 'anthropic' }, gemini), undefined);
    assert.deepEqual([discountNameForProfile(anthropic), discountNameForProfile(gemini)], ['direct', 'direct']);
    assert.equal(profileDialect({ kind: 'direct' }), 'openai');
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'direct', baseUrl: 'https://api.anthropic.com', dialect: 'anthropic', model: 'claude' }]), /"model" is for gemini profiles/);
  });

  it('ANTHROPIC_API_KEY and GEMINI_API_KEY only for their own origins, on a direct profile too', () => {
    const direct = (dialect: Profile['dialect'], baseUrl: string): Profile => ({ name: 'd', kind: 'direct', dialect, baseUrl });
    assert.deepEqual(apiKeyVariables(direct('anthropic', 'https://api.anthropic.com')), ['BATCH_STUDIO_API_KEY', 'ANTHROPIC_API_KEY']);
    assert.deepEqual(apiKeyVariables(direct('gemini', 'https://generativelanguage.googleapis.com')), ['BATCH_STUDIO_API_KEY', 'GEMINI_API_KEY']);
    assert.deepEqual(apiKeyVariables(direct('anthropic', 'https://gateway.example')), ['BATCH_STUDIO_API_KEY']);
    assert.deepEqual(apiKeyVariables(direct('gemini', 'https://api.anthropic.com')), ['BATCH_STUDIO_API_KEY']);
    assert.deepEqual(apiKeyVariables(direct(undefined, 'https://api.anthropic.com')), ['BATCH_STUDIO_API_KEY']);
  });

  it('needs a key except on this machine', () => {
    assert.throws(() => createRunClient({ name: 'd', kind: 'direct', dialect: 'anthropic', baseUrl: 'https://api.anthropic.com' }, undefined), MissingApiKeyError);
    assert.throws(() => createRunClient({ name: 'd', kind: 'direct', dialect: 'gemini', baseUrl: 'https://generativelanguage.googleapis.com' }, undefined), MissingApiKeyError);
    assert.ok(createRunClient({ name: 'd', kind: 'direct', dialect: 'anthropic', baseUrl: 'http://127.0.0.1:1' }, undefined).client);
  });

  it('never carries the key along a redirect to another origin (x-api-key and x-goog-api-key are not dropped by fetch)', async () => {
    const seenElsewhere: string[] = [];
    const elsewhere = await listen((req, res) => {
      seenElsewhere.push(`${req.method} ${req.url} ${JSON.stringify([req.headers['x-api-key'], req.headers['x-goog-api-key']])}`);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
    const redirecting = await listen((req, res) => {
      req.resume();
      res.writeHead(307, { location: `${elsewhere.origin}${req.url}` }).end();
    });
    try {
      const profile = (dialect: Profile['dialect']): Profile => ({ name: 'd', kind: 'direct', dialect, baseUrl: redirecting.origin });
      const anthropic = createAnthropicClient(profile('anthropic'), 'sk-ant-secret', { maxRetries: 0 });
      await assert.rejects(anthropic.messages.create({ model: 'claude-haiku-4-5', max_tokens: 10, messages: [{ role: 'user', content: 'hi' }] }), (error: unknown) => (error as { status?: number }).status === 421);
      const gemini = createGeminiClient(profile('gemini'), 'gemini-secret', { maxRetries: 0 });
      await assert.rejects(gemini.models.generateContent({ model: 'gemini-2.5-flash', contents: 'hi' }), (error: unknown) => (error as { status?: number }).status === 421);
      assert.deepEqual(seenElsewhere, []);
    } finally {
      for (const { server } of [elsewhere, redirecting]) {
        server.closeAllConnections();
        server.close();
      }
    }
  });
});
