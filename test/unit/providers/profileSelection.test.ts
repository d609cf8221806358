import assert from 'node:assert/strict';
import { apiKeyFromEnvironment, DEEPSEEK_PROFILE_NAME, needsApiKey, OLLAMA_PROFILE_NAME, OPENAI_PROFILE_NAME, parseProfiles, ProfileError, selectProfile } from '../../../src/core/providers';

describe('providers: profiles from the setting or the CLI file', () => {
  const profiles = parseProfiles([
    { name: 'Azure EU', kind: 'azure', baseUrl: 'https://eu.openai.azure.com', apiVersion: '2025-04-01-preview' },
    { name: 'Gateway', kind: 'seed', baseUrl: 'https://gateway.example/v1', mode: 'sync', limits: 'generic' },
  ]);

  it('parses the setting shape and names the first bad entry', () => {
    assert.equal(profiles[0].apiVersion, '2025-04-01-preview');
    assert.equal(profiles[1].mode, 'sync');
    assert.throws(() => parseProfiles({}), ProfileError);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'mistral', baseUrl: 'https://a' }]), /profile 1 \("x"\): "kind"/);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'openai', baseUrl: 'ftp://a' }]), /http or https/);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'seed', baseUrl: 'https://a', mode: 'fast' }]), /"mode"/);
  });

  it('gives a profile built from --base-url its kind and mode in its identity: a jobs run is not a files run', () => {
    const names = (['jobs', 'files', 'sync'] as const).map((mode) => selectProfile([], { baseUrl: 'http://127.0.0.1:5/v1', kind: 'seed', mode }).name);
    assert.deepEqual(names, ['http://127.0.0.1:5/v1 (seed jobs)', 'http://127.0.0.1:5/v1 (seed files)', 'http://127.0.0.1:5/v1 (seed sync)']);
    assert.equal(selectProfile([], { baseUrl: 'http://127.0.0.1:5/v1', kind: 'seed' }).name, 'http://127.0.0.1:5/v1 (seed files)');
    assert.equal(selectProfile(profiles, { name: 'Gateway', mode: 'jobs' }).name, 'Gateway (seed jobs)');
    assert.equal(selectProfile(profiles, { name: 'Gateway', mode: 'sync' }).name, 'Gateway', 'its own mode: the same profile');
    assert.deepEqual(selectProfile([], { name: 'http://127.0.0.1:5/v1 (seed jobs)' }), { name: 'http://127.0.0.1:5/v1 (seed jobs)', kind: 'seed', baseUrl: 'http://127.0.0.1:5/v1', mode: 'jobs' }, 'the name a job records leads back to its profile');
  });

  it('selects by name, overrides base URL and mode, and builds an ad-hoc profile from --base-url with --kind', () => {
    assert.equal(selectProfile(profiles, { name: 'Gateway', mode: 'jobs' }).mode, 'jobs');
    assert.equal(selectProfile([], {}).name, OPENAI_PROFILE_NAME);
    assert.deepEqual(selectProfile([], { baseUrl: 'http://127.0.0.1:5/v1', kind: 'emulator' }), { name: 'http://127.0.0.1:5/v1 (emulator)', kind: 'emulator', baseUrl: 'http://127.0.0.1:5/v1' });
    assert.throws(() => selectProfile(profiles, {}), /choose one with --profile/);
    assert.throws(() => selectProfile(profiles, { name: 'Nope' }), /No profile named "Nope"/);
    assert.throws(() => selectProfile([], { baseUrl: 'http://x' }), /--base-url needs --kind/);
  });

  it('reads the key from the environment: BATCH_STUDIO_API_KEY, then the kind\'s own variable', () => {
    const openai = selectProfile([], {});
    assert.deepEqual(apiKeyFromEnvironment(openai, { OPENAI_API_KEY: 'a' }), { apiKey: 'a', variable: 'OPENAI_API_KEY' });
    assert.deepEqual(apiKeyFromEnvironment(openai, { OPENAI_API_KEY: 'a', BATCH_STUDIO_API_KEY: 'b' }), { apiKey: 'b', variable: 'BATCH_STUDIO_API_KEY' });
    assert.deepEqual(apiKeyFromEnvironment(profiles[0], { OPENAI_API_KEY: 'a', AZURE_OPENAI_API_KEY: 'z' }), { apiKey: 'z', variable: 'AZURE_OPENAI_API_KEY' });
    assert.equal(apiKeyFromEnvironment(profiles[0], { OPENAI_API_KEY: 'a' }), undefined);
  });

  it('never sends OPENAI_API_KEY to another host: gateways and compatible servers need BATCH_STUDIO_API_KEY', () => {
    const gateway = profiles[1];
    const compatible = selectProfile([], { baseUrl: 'https://api.groq.com/openai/v1', kind: 'openai' });
    const lookalike = selectProfile([], { baseUrl: 'http://api.openai.com/v1', kind: 'openai' });
    for (const profile of [gateway, compatible, lookalike]) {
      assert.equal(apiKeyFromEnvironment(profile, { OPENAI_API_KEY: 'a' }), undefined, profile.baseUrl);
      assert.deepEqual(apiKeyFromEnvironment(profile, { OPENAI_API_KEY: 'a', BATCH_STUDIO_API_KEY: 'b' }), { apiKey: 'b', variable: 'BATCH_STUDIO_API_KEY' });
    }
  });

  it('reads direct profiles with their run options, and names a bad value', () => {
    const [direct, seed] = parseProfiles([
      { name: 'vLLM', kind: 'direct', baseUrl: 'http://10.0.0.5:8000/v1', concurrency: 32, rpm: 3000, tpm: 2_000_000, maxAttempts: 4, timeoutSeconds: 90.5 },
      { name: 'Seed', kind: 'seed', mode: 'sync', baseUrl: 'https://gateway.example/v1', chunkSizes: { 'deepseek-chat': 25 } },
    ]);
    assert.deepEqual(direct, { name: 'vLLM', kind: 'direct', baseUrl: 'http://10.0.0.5:8000/v1', concurrency: 32, rpm: 3000, tpm: 2_000_000, maxAttempts: 4, timeoutSeconds: 90.5 });
    assert.deepEqual(seed.chunkSizes, { 'deepseek-chat': 25 });
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'direct', baseUrl: 'https://a', concurrency: 0 }]), /"concurrency" must be a positive integer/);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'direct', baseUrl: 'https://a', rpm: 1.5 }]), /"rpm"/);
    assert.throws(() => parseProfiles([{ name: 'x', kind: 'seed', baseUrl: 'https://a', chunkSizes: { m: -1 } }]), /"chunkSizes"/);
  });

  it('DEEPSEEK_API_KEY goes only to https://api.deepseek.com; a direct server on loopback needs no key', () => {
    const deepseek = selectProfile([], { name: DEEPSEEK_PROFILE_NAME });
    assert.deepEqual(apiKeyFromEnvironment(deepseek, { DEEPSEEK_API_KEY: 'd', OPENAI_API_KEY: 'a' }), { apiKey: 'd', variable: 'DEEPSEEK_API_KEY' });
    const gateway = selectProfile([], { baseUrl: 'https://deepseek.example/v1', kind: 'direct' });
    assert.equal(apiKeyFromEnvironment(gateway, { DEEPSEEK_API_KEY: 'd' }), undefined);
    assert.equal(needsApiKey(deepseek), true);
    assert.equal(needsApiKey(selectProfile([], { name: OLLAMA_PROFILE_NAME })), false);
    assert.equal(needsApiKey(gateway), true);
  });
});
