import * as assert from 'node:assert/strict';
import { countRequestTokens, outputBound, tokenizerForModel } from '../../../src/core/estimate';

/**
 * The expected counts are OpenAI's own, as published in the OpenAI Cookbook notebook "How to count tokens
 * with tiktoken" (openai/openai-cookbook, examples/How_to_count_tokens_with_tiktoken.ipynb, commit c81359cd):
 * its cells print the `usage.prompt_tokens` the API reported for these exact requests.
 */
const COOKBOOK_MESSAGES = [
  { role: 'system', content: 'You are a helpful, pattern-following assistant that translates corporate jargon into plain English.' },
  { role: 'system', name: 'example_user', content: 'New synergies will help drive top-line growth.' },
  { role: 'system', name: 'example_assistant', content: 'Things working well together will increase revenue.' },
  { role: 'system', name: 'example_user', content: "Let's circle back when we have more bandwidth to touch base on opportunities for increased leverage." },
  { role: 'system', name: 'example_assistant', content: "Let's talk later when we're less busy about how to do better." },
  { role: 'user', content: "This late pivot means we don't have time to boil the ocean for the client deliverable." },
];

const COOKBOOK_TOOLS = [
  {
    type: 'function',
    function: {
      name: 'get_current_weather',
      description: 'Get the current weather in a given location',
      parameters: {
        type: 'object',
        properties: {
          location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
          unit: { type: 'string', description: 'The unit of temperature to return', enum: ['celsius', 'fahrenheit'] },
        },
        required: ['location'],
      },
    },
  },
];

const COOKBOOK_TOOL_MESSAGES = [
  { role: 'system', content: 'You are a helpful assistant that can answer to questions about the weather.' },
  { role: 'user', content: "What's the weather like in San Francisco?" },
];

function chat(model: string, extra: Record<string, unknown> = {}) {
  const body = { model, messages: COOKBOOK_MESSAGES, ...extra };
  return countRequestTokens('/v1/chat/completions', body, tokenizerForModel(model));
}

describe('estimate: request tokens', () => {
  it('counts a text-only chat request exactly as the API reported it (cookbook: 124 for gpt-4o and gpt-4o-mini, 129 for gpt-4 and gpt-3.5-turbo)', () => {
    for (const [model, expected] of [['gpt-4o', 124], ['gpt-4o-mini', 124], ['gpt-4o-2024-08-06', 124], ['gpt-4', 129], ['gpt-4-0613', 129], ['gpt-3.5-turbo', 129]] as const) {
      const tokens = chat(model);
      assert.equal(tokens.input, expected, model);
      assert.equal(tokens.exact, true, model);
    }
  });

  it('uses o200k_base for gpt-4o, 4.1, 5 and the o-series, cl100k_base for older models, and approximates other providers', () => {
    for (const model of ['gpt-4o', 'gpt-4.1-mini', 'gpt-5', 'o3-mini', 'o4-mini', 'ft:gpt-4o-mini-2024-07-18:acme::abc']) {
      assert.deepEqual([tokenizerForModel(model).encoding, tokenizerForModel(model).exact], ['o200k_base', true], model);
    }
    for (const model of ['gpt-4', 'gpt-3.5-turbo-0125', 'text-embedding-3-small']) assert.equal(tokenizerForModel(model).encoding, 'cl100k_base', model);
    const deepseek = chat('deepseek-chat');
    assert.equal(deepseek.exact, false);
    assert.equal(deepseek.input, 124, 'counted with o200k_base, labelled approximate');
  });

  it('counts strings as the cookbook shows them per encoding', () => {
    assert.equal(tokenizerForModel('gpt-4').count('2 + 2 = 4'), 7);
    assert.equal(tokenizerForModel('gpt-4o').count('2 + 2 = 4'), 7);
    assert.equal(tokenizerForModel('gpt-4').count('お誕生日おめでとう'), 9);
    assert.equal(tokenizerForModel('gpt-4o').count('お誕生日おめでとう'), 8);
    assert.equal(tokenizerForModel('gpt-4').count('tiktoken is great!'), 6);
  });

  it('counts a special-token string in a prompt as plain text, as the API does', () => {
    assert.ok(tokenizerForModel('gpt-4o').count('say <|endoftext|> please') > 3);
  });

  it('counts function tools by the cookbook rule (API: 101 for gpt-4o, 105 for gpt-4), flagged as not exact', () => {
    for (const [model, expected] of [['gpt-4o', 101], ['gpt-4o-mini', 101], ['gpt-4', 105]] as const) {
      const tokens = countRequestTokens('/v1/chat/completions', { model, messages: COOKBOOK_TOOL_MESSAGES, tools: COOKBOOK_TOOLS }, tokenizerForModel(model));
      assert.equal(tokens.input, expected, model);
      assert.equal(tokens.exact, false);
    }
  });

  it('counts low-detail images by the fixed rule and names other images as not counted', () => {
    const image = (detail: string) => ({ role: 'user', content: [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail } }] });
    const low = countRequestTokens('/v1/chat/completions', { model: 'gpt-4o', messages: [image('low')] }, tokenizerForModel('gpt-4o'));
    const text = countRequestTokens('/v1/chat/completions', { model: 'gpt-4o', messages: [{ role: 'user', content: 'What is this?' }] }, tokenizerForModel('gpt-4o'));
    assert.equal(low.input, text.input + 85);
    assert.deepEqual(low.notCounted, []);
    const high = countRequestTokens('/v1/chat/completions', { model: 'gpt-4o', messages: [image('high')] }, tokenizerForModel('gpt-4o'));
    assert.deepEqual(high.notCounted, ['images']);
    assert.equal(high.exact, false);
  });

  it('bounds output by max_completion_tokens, max_tokens or max_output_tokens (times n), and flags requests with none', () => {
    assert.equal(outputBound('/v1/chat/completions', { max_tokens: 100 }), 100);
    assert.equal(outputBound('/v1/chat/completions', { max_tokens: 100, max_completion_tokens: 50, n: 3 }), 150);
    assert.equal(outputBound('/v1/chat/completions', {}), undefined);
    assert.equal(outputBound('/v1/responses', { max_output_tokens: 70 }), 70);
    assert.equal(outputBound('/v1/responses', {}), undefined);
    assert.equal(outputBound('/v1/completions', {}), 16);
    assert.equal(outputBound('/v1/embeddings', { input: 'x' }), 0);
    assert.equal(chat('gpt-4o').outputBound, undefined);
  });

  it('counts embeddings inputs without chat framing, token arrays by their length', () => {
    const tokenizer = tokenizerForModel('text-embedding-3-small');
    assert.equal(countRequestTokens('/v1/embeddings', { model: 'text-embedding-3-small', input: ['2 + 2 = 4', 'tiktoken is great!'] }, tokenizer).input, 13);
    assert.equal(countRequestTokens('/v1/embeddings', { model: 'text-embedding-3-small', input: [1, 2, 3] }, tokenizer).input, 3);
  });

  it('keys the shared prompt prefix (every message but the last) so requests with one system prompt group together', () => {
    const request = (question: string) => countRequestTokens('/v1/chat/completions', { model: 'gpt-4o', messages: [COOKBOOK_MESSAGES[0], { role: 'user', content: question }] }, tokenizerForModel('gpt-4o'));
    const a = request('First question?');
    const b = request('A second, different question?');
    assert.equal(a.prefix?.key, b.prefix?.key);
    const systemOnly = countRequestTokens('/v1/chat/completions', { model: 'gpt-4o', messages: [COOKBOOK_MESSAGES[0]] }, tokenizerForModel('gpt-4o'));
    // The prefix is the system message with its framing: the whole single-message prompt less the reply priming.
    assert.equal(a.prefix?.tokens, systemOnly.input - 3);
  });
});

describe('estimate: pathological text', () => {
  it('counts a megabyte without whitespace quickly, extrapolated from its first slice and marked approximate', () => {
    const body = { model: 'gpt-4o', messages: [{ role: 'user', content: 'x'.repeat(1024 * 1024) }] };
    const tokens = countRequestTokens('/v1/chat/completions', body, tokenizerForModel('gpt-4o'));
    assert.equal(tokens.exact, false);
    // 1,000 x's are 125 tokens: the run is counted as 125 per 1,000 characters.
    assert.equal(tokens.input, 3 + 1 + Math.ceil((125 * 1024 * 1024) / 1000) + 3);
  });
});
