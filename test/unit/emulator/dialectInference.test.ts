import Anthropic from '@anthropic-ai/sdk';
import { ApiError, GoogleGenAI } from '@google/genai';
import assert from 'node:assert/strict';
import type { RunningEmulator } from '../../../src/core/emulator';
import { emulatorPerTest } from './support';

function anthropicFor(emulator: RunningEmulator): Anthropic {
  return new Anthropic({ apiKey: 'sk-ant-emulator-test', baseURL: new URL(emulator.baseUrl).origin, maxRetries: 0 });
}

function geminiFor(emulator: RunningEmulator): GoogleGenAI {
  return new GoogleGenAI({ apiKey: 'gemini-emulator-test', httpOptions: { baseUrl: new URL(emulator.baseUrl).origin, retryOptions: { attempts: 1 } } });
}

const MESSAGE = { model: 'claude-haiku-4-5', max_tokens: 200, system: 'Answer briefly.', messages: [{ role: 'user' as const, content: 'Where is the train station?' }] };

/** Google's error body, which the SDK keeps as the error's message. */
function googleStatus(error: unknown): { code: number; status: string } {
  assert.ok(error instanceof ApiError, `an ApiError, not ${String(error)}`);
  return (JSON.parse(error.message) as { error: { code: number; status: string } }).error;
}

describe('emulator: synchronous Messages API and generateContent, driven by the official SDKs', () => {
  const start = emulatorPerTest();

  it('answers POST /v1/messages in Anthropic\'s shape, with usage', async () => {
    const { emulator } = await start();
    const message = await anthropicFor(emulator).messages.create(MESSAGE);
    assert.equal(message.type, 'message');
    assert.equal(message.role, 'assistant');
    assert.equal(message.model, 'claude-haiku-4-5');
    assert.equal(message.content[0].type, 'text');
    assert.match((message.content[0] as { text: string }).text, /train station/);
    assert.ok(message.usage.input_tokens > 0 && message.usage.output_tokens > 0);
    assert.equal(emulator.requestLog.count('POST /v1/messages'), 1);
  });

  it('gives the Messages API\'s errors: a 400 invalid_request_error, an emulated 429 with Retry-After, a 5xx', async () => {
    const { emulator } = await start({ timeScale: 1 });
    const client = anthropicFor(emulator);
    await assert.rejects(
      client.messages.create({ model: 'claude-haiku-4-5', messages: [{ role: 'user', content: 'hi' }] } as unknown as typeof MESSAGE),
      (error: unknown) => error instanceof Anthropic.BadRequestError && (error.error as { error: { type: string } }).error.type === 'invalid_request_error',
    );
    // The 400 above was this minute's one request.
    emulator.faults.rpm = 1;
    await assert.rejects(client.messages.create(MESSAGE), (error: unknown) => {
      assert.ok(error instanceof Anthropic.RateLimitError);
      assert.deepEqual(Object.keys(error.error as object), ['type', 'error']);
      assert.equal((error.error as { error: { type: string } }).error.type, 'rate_limit_error');
      assert.ok(Number(error.headers?.get('retry-after')) > 0);
      return true;
    });
    emulator.faults.rpm = undefined;
    emulator.faults.failRate = 1;
    await assert.rejects(client.messages.create(MESSAGE), (error: unknown) => error instanceof Anthropic.APIError && (error.status === 500 || error.status === 503) && (error.error as { error: { type: string } }).error.type === 'api_error');
  });

  it('answers POST /v1beta/models/{model}:generateContent in Gemini\'s shape, with usageMetadata and the request\'s generationConfig applied', async () => {
    const { emulator } = await start();
    const response = await geminiFor(emulator).models.generateContent({
      model: 'gemini-2.5-flash',
      contents: [{ role: 'user', parts: [{ text: 'Why does the sea have tides?' }] }],
      config: { systemInstruction: 'Answer briefly.', maxOutputTokens: 3 },
    });
    assert.match(response.text ?? '', /^Emulated/);
    assert.equal(response.candidates?.[0].finishReason, 'MAX_TOKENS');
    assert.equal(response.modelVersion, 'gemini-2.5-flash');
    assert.equal(response.usageMetadata?.candidatesTokenCount, 3);
    assert.ok((response.usageMetadata?.promptTokenCount ?? 0) > 0);
    assert.equal(emulator.requestLog.count('POST /v1beta/models/{model}:generateContent'), 1);
  });

  it('gives Google\'s errors for generateContent: an emulated 429 RESOURCE_EXHAUSTED and a 5xx', async () => {
    const { emulator } = await start({ timeScale: 1, rpm: 1 });
    const client = geminiFor(emulator);
    const request = { model: 'gemini-2.5-flash', contents: 'hello' };
    await client.models.generateContent(request);
    await assert.rejects(client.models.generateContent(request), (error: unknown) => {
      const status = googleStatus(error);
      assert.equal(status.code, 429);
      assert.equal(status.status, 'RESOURCE_EXHAUSTED');
      return true;
    });
    emulator.faults.rpm = undefined;
    emulator.faults.failRate = 1;
    await assert.rejects(client.models.generateContent(request), (error: unknown) => [500, 503].includes(googleStatus(error).code));
  });
});
