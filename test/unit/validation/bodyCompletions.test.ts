import * as assert from 'node:assert/strict';
import { bodyKeySuggestions, bodyValueSuggestions } from '../../../src/core/validation/bodyCompletions';

describe('completions inside a request body, from the endpoint schema', () => {
  it('offers the body keys of the endpoint, required ones first', () => {
    const keys = bodyKeySuggestions('/v1/chat/completions', []).map((suggestion) => suggestion.key);
    assert.deepEqual(keys.slice(0, 2).sort(), ['messages', 'model']);
    assert.ok(keys.includes('temperature') && keys.includes('max_completion_tokens'), keys.join(', '));
    assert.ok(!keys.includes('input'), 'no keys of other endpoints');
    assert.ok(bodyKeySuggestions('/v1/embeddings', []).some((suggestion) => suggestion.key === 'input'));
  });

  it('offers the keys of a chat message and the values of its role', () => {
    const keys = bodyKeySuggestions('/v1/chat/completions', ['messages', 0]).map((suggestion) => suggestion.key);
    assert.ok(['role', 'content', 'name', 'tool_call_id'].every((key) => keys.includes(key)), keys.join(', '));
    assert.deepEqual(bodyValueSuggestions('/v1/chat/completions', ['messages', 3, 'role']).sort(), ['assistant', 'developer', 'system', 'tool', 'user']);
  });

  it('follows nested objects and arrays (content parts, responses input items)', () => {
    assert.ok(bodyValueSuggestions('/v1/chat/completions', ['messages', 0, 'content', 1, 'type']).includes('image_url'));
    assert.ok(bodyValueSuggestions('/chat/completions', ['messages', 0, 'content', 0, 'image_url', 'detail']).includes('low'));
    assert.ok(bodyKeySuggestions('/v1/responses', []).some((suggestion) => suggestion.key === 'instructions'));
  });

  it('offers nothing for an unknown endpoint or a free-form member', () => {
    assert.deepEqual(bodyKeySuggestions('/v1/unknown', []), []);
    assert.deepEqual(bodyValueSuggestions('/v1/chat/completions', ['temperature']), []);
  });

  it("offers Anthropic's params and Gemini's request keys, by the endpoint their dialect names", () => {
    const params = bodyKeySuggestions('/v1/messages', []).map((suggestion) => suggestion.key);
    assert.deepEqual(params.slice(0, 3).sort(), ['max_tokens', 'messages', 'model']);
    assert.deepEqual(bodyValueSuggestions('/v1/messages', ['messages', 0, 'role']).sort(), ['assistant', 'user']);
    const request = bodyKeySuggestions('generateContent', []).map((suggestion) => suggestion.key);
    assert.equal(request[0], 'contents');
    assert.deepEqual(bodyValueSuggestions('generateContent', ['contents', 0, 'role']).sort(), ['model', 'user']);
  });
});
