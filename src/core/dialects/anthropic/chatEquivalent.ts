import { isJsonObject } from '../../validation/jsonValues';

type Json = Record<string, unknown>;

/** One content block as the chat format's part: text as text, images and documents as the parts the estimate names. */
function chatPart(block: unknown): Json | undefined {
  if (typeof block === 'string') return { type: 'text', text: block };
  if (!isJsonObject(block)) return undefined;
  if (typeof block.text === 'string') return { type: 'text', text: block.text };
  if (block.type === 'image') return { type: 'image_url', image_url: {} };
  if (block.type === 'document') return { type: 'file', file: {} };
  if (block.type === 'tool_result') {
    const content = Array.isArray(block.content) ? block.content : [block.content];
    const text = content.map((part) => (typeof part === 'string' ? part : isJsonObject(part) && typeof part.text === 'string' ? part.text : '')).join('\n');
    return { type: 'text', text };
  }
  return undefined;
}

function chatMessage(message: unknown): Json | undefined {
  if (!isJsonObject(message)) return undefined;
  const chat: Json = { role: message.role };
  if (typeof message.content === 'string') chat.content = message.content;
  else if (Array.isArray(message.content)) {
    chat.content = message.content.map(chatPart).filter((part) => part !== undefined);
    // A tool call's arguments are not text the chat count reads: named as not counted.
    if (message.content.some((block) => isJsonObject(block) && block.type === 'tool_use')) chat.tool_calls = [];
  }
  return chat;
}

function systemText(system: unknown): string | undefined {
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return undefined;
  return system.map((block) => (isJsonObject(block) && typeof block.text === 'string' ? block.text : '')).join('\n');
}

/**
 * A Messages API body as the equivalent chat completions body, for counting its tokens only: the system
 * prompt as a first system message, content blocks as parts, tools as function tools. Claude's tokenizer is
 * not public, so the count made from it is always approximate.
 */
export function chatEquivalentOfMessages(params: Json): Json {
  const messages: Json[] = [];
  const system = systemText(params.system);
  if (system !== undefined) messages.push({ role: 'system', content: system });
  if (Array.isArray(params.messages)) for (const message of params.messages) {
    const chat = chatMessage(message);
    if (chat) messages.push(chat);
  }
  const body: Json = { model: params.model, messages, max_tokens: params.max_tokens };
  if (Array.isArray(params.tools)) {
    body.tools = params.tools.map((tool) =>
      isJsonObject(tool) && typeof tool.name === 'string'
        ? { type: 'function', function: { name: tool.name, description: tool.description, parameters: tool.input_schema } }
        : tool,
    );
  }
  return body;
}
