import * as assert from 'node:assert/strict';
import { apiKeySecretName } from '../../../src/core/providers/apiKeySecretName';

describe('apiKeySecretName (where a profile key lives in SecretStorage)', () => {
  const openai = { name: 'OpenAI', baseUrl: 'https://api.openai.com/v1' };

  it('names the profile and its base URL origin', () => {
    assert.equal(apiKeySecretName(openai), 'batchStudio.apiKey/OpenAI@https://api.openai.com');
  });

  it('a changed host, port or scheme is another entry: the key does not follow the URL', () => {
    const names = new Set([
      apiKeySecretName(openai),
      apiKeySecretName({ ...openai, baseUrl: 'https://api.openai.com.evil.example/v1' }),
      apiKeySecretName({ ...openai, baseUrl: 'https://api.openai.com:8443/v1' }),
      apiKeySecretName({ ...openai, baseUrl: 'http://api.openai.com/v1' }),
    ]);
    assert.equal(names.size, 4);
  });

  it('the same origin written differently, or another path on it, keeps the entry', () => {
    for (const baseUrl of ['https://API.OpenAI.com/v1', 'https://api.openai.com:443/', 'https://api.openai.com/openai/v1']) {
      assert.equal(apiKeySecretName({ ...openai, baseUrl }), apiKeySecretName(openai), baseUrl);
    }
  });

  it('profiles sharing an origin keep separate keys, whatever their names hold', () => {
    assert.notEqual(apiKeySecretName({ ...openai, name: 'Team A' }), apiKeySecretName({ ...openai, name: 'Team B' }));
    assert.notEqual(apiKeySecretName({ ...openai, name: 'a@https://x' }), apiKeySecretName({ ...openai, name: 'a' }));
  });
});
