import assert from 'node:assert/strict';
import OpenAI from 'openai';
import { emulatorPerTest, rawRequest } from './support';

const norm = (vector: number[]) => Math.hypot(...vector);

describe('emulator responders: the inference endpoints answered directly', () => {
  const start = emulatorPerTest();

  it('answers chat completions like the real endpoint, marked as emulated, deterministic in content', async () => {
    const { emulator, client } = await start();
    const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'What is 2+2?' }] };
    const { data: answer, response } = await client.chat.completions.create(request).withResponse();
    assert.equal(response.headers.get('x-emulator'), 'llm-batch-studio');
    assert.equal(answer.object, 'chat.completion');
    assert.equal(answer.system_fingerprint, 'emulator');
    assert.equal(answer.choices[0].finish_reason, 'stop');
    assert.match(answer.choices[0].message.content!, /What is 2\+2\?/);
    assert.equal(answer.usage!.total_tokens, answer.usage!.prompt_tokens + answer.usage!.completion_tokens);
    // Usage: ceil(characters / 4) of the strings in `messages` ("user" + the question = 16 characters).
    assert.equal(answer.usage!.prompt_tokens, 4);
    const again = await client.chat.completions.create(request);
    assert.equal(again.choices[0].message.content, answer.choices[0].message.content);

    const cut = await client.chat.completions.create({ ...request, max_completion_tokens: 3, n: 2 });
    assert.equal(cut.choices.length, 2);
    assert.equal(cut.choices[0].finish_reason, 'length');
    assert.equal(cut.usage!.completion_tokens, 6);
    assert.equal((await rawRequest(emulator, 'GET', '/batches')).headers.get('x-emulator'), 'llm-batch-studio');
  });

  it('answers /v1/responses', async () => {
    const { client } = await start();
    const answer = await client.responses.create({ model: 'gpt-4o-mini', input: 'Name a colour', instructions: 'Be brief' });
    assert.equal(answer.object, 'response');
    assert.equal(answer.status, 'completed');
    assert.match(answer.output_text, /Name a colour/);
    assert.equal(answer.usage!.total_tokens, answer.usage!.input_tokens + answer.usage!.output_tokens);
  });

  it('embeds as unit vectors derived from the input: 1536 for -small/ada, 3072 for -large, or `dimensions`', async () => {
    const { client } = await start();
    const small = await client.embeddings.create({ model: 'text-embedding-3-small', input: ['alpha', 'beta', 'alpha'], encoding_format: 'float' });
    assert.equal(small.data.length, 3);
    assert.equal(small.data[0].embedding.length, 1536);
    assert.ok(Math.abs(norm(small.data[0].embedding) - 1) < 1e-9);
    assert.deepEqual(small.data[2].embedding, small.data[0].embedding, 'same input, same vector');
    assert.notDeepEqual(small.data[1].embedding, small.data[0].embedding);
    assert.equal((await client.embeddings.create({ model: 'text-embedding-ada-002', input: 'x', encoding_format: 'float' })).data[0].embedding.length, 1536);
    assert.equal((await client.embeddings.create({ model: 'text-embedding-3-large', input: 'x', encoding_format: 'float' })).data[0].embedding.length, 3072);
    const shortened = await client.embeddings.create({ model: 'text-embedding-3-large', input: 'x', dimensions: 256, encoding_format: 'float' });
    assert.equal(shortened.data[0].embedding.length, 256);
    // The SDK asks for base64 by default and decodes it: the same vector at float32 precision.
    const decoded = await client.embeddings.create({ model: 'text-embedding-3-small', input: 'alpha' });
    assert.equal(decoded.data[0].embedding.length, 1536);
    assert.ok(Math.abs(decoded.data[0].embedding[0] - small.data[0].embedding[0]) < 1e-6);
    assert.equal(small.usage.prompt_tokens, 5); // ceil(5/4) + ceil(4/4) + ceil(5/4)
  });

  it('answers /v1/completions and /v1/moderations', async () => {
    const { client } = await start();
    const completion = await client.completions.create({ model: 'gpt-3.5-turbo-instruct', prompt: 'Once upon a time', max_tokens: 50 });
    assert.equal(completion.object, 'text_completion');
    assert.equal(completion.system_fingerprint, 'emulator');
    assert.match(completion.choices[0].text, /Once upon a time/);
    const moderation = await client.moderations.create({ model: 'omni-moderation-latest', input: ['fine', 'also fine'] });
    assert.equal(moderation.results.length, 2);
    assert.equal(moderation.results[0].flagged, false);
    assert.equal(typeof moderation.results[0].category_scores.violence, 'number');
  });

  it('refuses a bad body as the real API does (400 with param)', async () => {
    const { client } = await start();
    await assert.rejects(client.chat.completions.create({ model: 'gpt-4o-mini', messages: [] }), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'messages');
    await assert.rejects(client.embeddings.create({ input: 'x' } as never), (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'model');
    await assert.rejects(
      client.chat.completions.create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x' }], max_tokens: 1_000_000 }),
      (error: unknown) => error instanceof OpenAI.BadRequestError && error.param === 'max_tokens',
    );
  });
});
