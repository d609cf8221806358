import assert from 'node:assert/strict';
import { createProvider, type Profile } from '../../../src/core/providers';
import { describeProviderError } from '../../../src/core/errors';
import { jsonAnswer, redirectTo, startHostileServer, type HostileServer } from './hostileServer';

const KEY = '0123456789abcdef0123456789abcdef';

describe('redirects never carry a key to another origin', () => {
  const servers: HostileServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function server(handler: Parameters<typeof startHostileServer>[0]): Promise<HostileServer> {
    const started = await startHostileServer(handler);
    servers.push(started);
    return started;
  }

  for (const kind of ['azure', 'openai', 'seed'] as const) {
    it(`${kind}: a redirect to another origin is refused, naming both origins, and the other origin sees nothing`, async () => {
      const elsewhere = await server(jsonAnswer(200, {}));
      const home = await server((request, response) => redirectTo(`${elsewhere.origin}${request.url ?? '/'}`)(request, response));
      const profile: Profile = { name: 'P', kind, baseUrl: kind === 'azure' ? `${home.origin}/openai/v1` : `${home.origin}/v1` };
      const provider = createProvider(profile, KEY, { maxRetries: 2 });
      const error = await provider.retrieveBatch('batch_1').then(
        () => assert.fail('expected a refusal'),
        (caught: unknown) => caught,
      );
      assert.equal(elsewhere.requests.length, 0);
      assert.equal(home.requests.length, 1, 'a refusal is not retried');
      const message = describeProviderError('status', error).message;
      assert.ok(message.includes(home.origin) && message.includes(elsewhere.origin), message);
    });
  }

  it('a redirect within the origin is followed', async () => {
    const home = await server((request, response) => {
      if (request.url?.startsWith('/v1/')) redirectTo(`/moved${request.url}`, 308)(request, response);
      else jsonAnswer(200, { id: 'batch_1', object: 'batch', status: 'completed', endpoint: '/v1/chat/completions', created_at: 1, request_counts: { total: 0, completed: 0, failed: 0 } })(request, response);
    });
    const provider = createProvider({ name: 'P', kind: 'openai', baseUrl: `${home.origin}/v1` }, KEY);
    assert.equal((await provider.retrieveBatch('batch_1')).status, 'completed');
    assert.deepEqual(home.requests.map((request) => request.url), ['/v1/batches/batch_1', '/moved/v1/batches/batch_1']);
  });
});
