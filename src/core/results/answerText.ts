import { isJsonObject } from '../validation/jsonValues';
import { contentText } from './messageContent';
import { formatCountOf } from '../formatting';

type Json = Record<string, unknown>;

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function describeToolCall(call: unknown): string {
  const fn = isJsonObject(call) && isJsonObject(call.function) ? call.function : isJsonObject(call) ? call : {};
  const name = typeof fn.name === 'string' ? fn.name : 'tool';
  const args = typeof fn.arguments === 'string' ? fn.arguments : '';
  return `${name}(${args})`;
}

/** A chat choice's `message`, or a completions choice's `text`. */
function choiceText(choice: unknown): string {
  if (!isJsonObject(choice)) return '';
  if (typeof choice.text === 'string') return choice.text;
  const message = isJsonObject(choice.message) ? choice.message : {};
  const text = contentText(message.content, '');
  if (text) return text;
  if (typeof message.refusal === 'string') return `refusal: ${message.refusal}`;
  const calls = asArray(message.tool_calls);
  if (calls.length) return `tool_calls: ${calls.map(describeToolCall).join(', ')}`;
  return '';
}

/** `choices[0]`, with a note of how many more there are when `n` > 1 was asked for. */
function choicesText(body: Json): string {
  const choices = asArray(body.choices);
  const first = choiceText(choices[0]);
  return choices.length > 1 ? `${first} [+${choices.length - 1} more choices]` : first;
}

/** `/v1/responses`: the message items' `output_text` (and refusals), then any function calls. */
function responsesText(body: Json): string {
  if (typeof body.output_text === 'string' && body.output_text) return body.output_text;
  const texts: string[] = [];
  const calls: string[] = [];
  for (const item of asArray(body.output)) {
    if (!isJsonObject(item)) continue;
    if (item.type === 'message') {
      for (const part of asArray(item.content)) {
        if (!isJsonObject(part)) continue;
        if (part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
        else if (part.type === 'refusal' && typeof part.refusal === 'string') texts.push(`refusal: ${part.refusal}`);
      }
    } else if (item.type === 'function_call') {
      calls.push(describeToolCall(item));
    }
  }
  if (calls.length) texts.push(`function_call: ${calls.join(', ')}`);
  if (!texts.length && body.status === 'incomplete' && isJsonObject(body.incomplete_details)) {
    return `incomplete: ${String(body.incomplete_details.reason)}`;
  }
  return texts.join('\n');
}

/** Floats, or base64 of little-endian float32 when `encoding_format: "base64"` was asked for. */
function embeddingVector(embedding: unknown): ArrayLike<number> {
  if (Array.isArray(embedding)) return embedding.map((value) => (typeof value === 'number' ? value : 0));
  if (typeof embedding !== 'string') return [];
  const bytes = Buffer.from(embedding, 'base64');
  const floats = new Float32Array(Math.floor(bytes.length / 4));
  for (let index = 0; index < floats.length; index++) floats[index] = bytes.readFloatLE(index * 4);
  return floats;
}

function describeEmbedding(entry: unknown): string {
  const vector = embeddingVector(isJsonObject(entry) ? entry.embedding : undefined);
  let squares = 0;
  for (let index = 0; index < vector.length; index++) squares += vector[index] * vector[index];
  return `${formatCountOf(vector.length, 'dim')}, norm ${Math.sqrt(squares).toFixed(4)}`;
}

function embeddingsText(data: unknown[]): string {
  if (data.length === 1) return `embedding: ${describeEmbedding(data[0])}`;
  return `${data.length} embeddings: ${data.map(describeEmbedding).join('; ')}`;
}

function moderationText(results: unknown[]): string {
  return results
    .map((result) => {
      if (!isJsonObject(result)) return 'unknown';
      const categories = isJsonObject(result.categories) ? result.categories : {};
      const flaggedCategories = Object.keys(categories).filter((name) => categories[name] === true);
      if (result.flagged !== true) return 'not flagged';
      return flaggedCategories.length ? `flagged: ${flaggedCategories.join(', ')}` : 'flagged';
    })
    .join('; ');
}

/**
 * The answer in a successful result's body, as text a person reads: the assistant message (chat), the
 * output text (`/v1/responses`), the text (completions), `embedding: N dims, norm X` (embeddings) or the
 * flags (moderations). Recognised by the body's shape, not by the request's URL, so a result file read
 * without its input still reads well. May hold newlines (see `formatAlignedLine`). Never throws: an
 * unknown shape says so.
 */
export function answerText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (!isJsonObject(body)) return '';
  if (body.object === 'response' || Array.isArray(body.output)) return responsesText(body);
  if (Array.isArray(body.choices)) return choicesText(body);
  const data = asArray(body.data);
  if (data.length && isJsonObject(data[0]) && 'embedding' in data[0]) return embeddingsText(data);
  if (Array.isArray(body.results)) return moderationText(body.results);
  return `(${typeof body.object === 'string' ? body.object : 'unrecognised'} body)`;
}
