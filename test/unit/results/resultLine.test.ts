import * as assert from 'node:assert/strict';
import { answerText, parseResultLine } from '../../../src/core/results';
import { chatResult, errorResult } from './helpers';

describe('results: parseResultLine', () => {
  it('reads a chat answer, its status code, model and usage (cached and reasoning included)', () => {
    const usage = { prompt_tokens: 20, completion_tokens: 8, total_tokens: 28, prompt_tokens_details: { cached_tokens: 6 }, completion_tokens_details: { reasoning_tokens: 3 } };
    assert.deepEqual(parseResultLine(JSON.stringify(chatResult('a', 'Hello!', usage))), {
      customId: 'a',
      outcome: 'succeeded',
      statusCode: 200,
      model: 'gpt-4o-mini-2024-07-18',
      text: 'Hello!',
      usage: { prompt: 20, completion: 8, cached: 6, reasoning: 3, total: 28 },
    });
  });

  it("reads DeepSeek's context-cache hits (prompt_cache_hit_tokens) as cached prompt tokens", () => {
    const usage = { prompt_tokens: 100, completion_tokens: 10, total_tokens: 110, prompt_cache_hit_tokens: 64, prompt_cache_miss_tokens: 36 };
    assert.deepEqual(parseResultLine(JSON.stringify(chatResult('d', 'ok', usage)))?.usage, { prompt: 100, completion: 10, cached: 64, reasoning: 0, total: 110 });
  });

  it("ignores Groq's x_groq and usage.queue_time extras", () => {
    const line = chatResult('g', '4', { queue_time: 0.27, prompt_tokens: 48, prompt_time: 0.003, completion_tokens: 12, total_tokens: 60 });
    (line.response as { body: Record<string, unknown> }).body.x_groq = { id: 'req_01' };
    const parsed = parseResultLine(JSON.stringify(line));
    assert.equal(parsed?.outcome, 'succeeded');
    assert.deepEqual(parsed?.usage, { prompt: 48, completion: 12, cached: 0, reasoning: 0, total: 60 });
  });

  it('fails a 4xx response with a null top-level error, taking code and message from body.error', () => {
    const line = { custom_id: 'x', response: { status_code: 400, body: { error: { message: 'Too long.', type: 'invalid_request_error', code: null } } }, error: null };
    const parsed = parseResultLine(JSON.stringify(line));
    assert.equal(parsed?.outcome, 'failed');
    assert.equal(parsed?.statusCode, 400);
    assert.equal(parsed?.errorCode, 'invalid_request_error');
    assert.equal(parsed?.text, 'invalid_request_error: Too long.');
  });

  it('prefers body.error.code over its type, and names the status when the body has no error', () => {
    const coded = { custom_id: 'x', response: { status_code: 429, body: { error: { message: 'Slow down', type: 'requests', code: 'rate_limit_exceeded' } } }, error: null };
    assert.equal(parseResultLine(JSON.stringify(coded))?.errorCode, 'rate_limit_exceeded');
    const bare = { custom_id: 'x', response: { status_code: 502, body: 'Bad gateway' }, error: null };
    assert.equal(parseResultLine(JSON.stringify(bare))?.text, 'http_502: Bad gateway');
  });

  it('reads an integer error.code as its digits', () => {
    const parsed = parseResultLine(JSON.stringify(errorResult('y', 500, 'json_format with no json in system prompt')));
    assert.equal(parsed?.outcome, 'failed');
    assert.equal(parsed?.errorCode, '500');
    assert.equal(parsed?.text, '500: json_format with no json in system prompt');
  });

  it('reads batch_expired as a failure', () => {
    const parsed = parseResultLine(JSON.stringify(errorResult('z', 'batch_expired', 'This request could not be executed before the completion window expired.')));
    assert.equal(parsed?.errorCode, 'batch_expired');
  });

  it('fails a line with a top-level error even when the response says 200', () => {
    const line = { ...chatResult('w', 'ok'), error: { code: 'server_error', message: 'lost' } };
    assert.equal(parseResultLine(JSON.stringify(line))?.errorCode, 'server_error');
  });

  it('fails a line with neither response nor error', () => {
    assert.equal(parseResultLine('{"custom_id":"n","response":null,"error":null}')?.errorCode, 'no_response');
  });

  it('returns undefined for a line that is not JSON, not an object, or has no custom_id; a numeric custom_id reads as digits', () => {
    assert.equal(parseResultLine('{"custom_id": "a", '), undefined);
    assert.equal(parseResultLine('[1,2]'), undefined);
    assert.equal(parseResultLine('{"response": null}'), undefined);
    assert.equal(parseResultLine('{"custom_id": 7, "error": {"code": "x", "message": "y"}}')?.customId, '7');
  });
});

describe('results: answerText', () => {
  it('chat: content, content parts, refusal, tool calls and extra choices', () => {
    assert.equal(answerText({ object: 'chat.completion', choices: [{ message: { content: [{ type: 'text', text: 'a' }, { type: 'text', text: 'b' }] } }] }), 'ab');
    assert.equal(answerText({ choices: [{ message: { content: null, refusal: 'No.' } }] }), 'refusal: No.');
    const call = { type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };
    assert.equal(answerText({ choices: [{ message: { content: null, tool_calls: [call] } }] }), 'tool_calls: get_weather({"city":"Oslo"})');
    assert.equal(answerText({ choices: [{ message: { content: 'x' } }, { message: { content: 'y' } }] }), 'x [+1 more choices]');
  });

  it('completions: choices[0].text', () => {
    assert.equal(answerText({ object: 'text_completion', choices: [{ text: ' done' }] }), ' done');
  });

  it('/v1/responses: output_text parts, skipping reasoning items, and function calls', () => {
    const body = {
      object: 'response',
      output: [
        { type: 'reasoning', summary: [] },
        { type: 'message', content: [{ type: 'output_text', text: 'Hello' }, { type: 'output_text', text: ' there' }] },
        { type: 'function_call', name: 'lookup', arguments: '{}' },
      ],
    };
    assert.equal(answerText(body), 'Hello\n there\nfunction_call: lookup({})');
    assert.equal(answerText({ object: 'response', status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, output: [] }), 'incomplete: max_output_tokens');
  });

  it('embeddings: dimensions and norm, from floats or base64 float32', () => {
    assert.equal(answerText({ object: 'list', data: [{ object: 'embedding', embedding: [3, 4] }] }), 'embedding: 2 dims, norm 5.0000');
    const base64 = Buffer.from(new Float32Array([0, 0, 2]).buffer).toString('base64');
    assert.equal(answerText({ object: 'list', data: [{ embedding: base64 }, { embedding: [1] }] }), '2 embeddings: 3 dims, norm 2.0000; 1 dim, norm 1.0000');
  });

  it('moderations: flagged categories', () => {
    const body = { results: [{ flagged: true, categories: { harassment: true, violence: false, hate: true } }, { flagged: false, categories: {} }] };
    assert.equal(answerText(body), 'flagged: harassment, hate; not flagged');
  });

  it('names an unrecognised body instead of throwing', () => {
    assert.equal(answerText({ object: 'image' }), '(image body)');
    assert.equal(answerText(null), '');
  });
});
