/**
 * What each batch endpoint's `body` takes, in a sentence or two, for the hover on `url`. Written from the
 * OpenAI spec (../shared/reference/openai-openapi.yaml); the schemas in `schemas/` are the full truth.
 */
const SUMMARIES: Record<string, { name: string; body: string }> = {
  '/chat/completions': {
    name: 'Chat Completions',
    body: 'requires `model` and `messages` (a list of `{role, content}`; roles `system`, `developer`, `user`, `assistant`, `tool`); optional `max_completion_tokens`, `temperature`, `response_format`, `tools`, …',
  },
  '/responses': {
    name: 'Responses',
    body: 'takes `model` and `input` (a string or a list of input items); optional `instructions`, `max_output_tokens`, `text.format`, `tools`, …',
  },
  '/embeddings': {
    name: 'Embeddings',
    body: 'requires `model` and `input` (a string, a list of strings or token arrays); optional `dimensions`, `encoding_format`. At most 50,000 inputs across the whole file.',
  },
  '/completions': {
    name: 'Completions (legacy)',
    body: 'requires `model` and `prompt`; optional `max_tokens`, `temperature`, `stop`, …',
  },
  '/moderations': {
    name: 'Moderations',
    body: 'requires `input` (text, a list of texts, or text and image parts); optional `model`.',
  },
  '/images/generations': {
    name: 'Image generation',
    body: 'requires `prompt`; optional `model`, `size`, `quality`, `n`, …',
  },
  '/images/edits': {
    name: 'Image edits',
    body: 'requires `image` and `prompt`; optional `model`, `mask`, `size`, …',
  },
  '/videos': {
    name: 'Video generation',
    body: 'requires `prompt`; optional `model`, `seconds`, `size`, …',
  },
};

/** Markdown saying what `endpoint` does and what its body takes, or undefined for an unknown url. */
export function describeEndpoint(endpoint: string): string | undefined {
  const summary = SUMMARIES[endpoint.replace(/^\/v1(?=\/)/, '')];
  if (!summary) return undefined;
  return `**${summary.name}** (\`${endpoint}\`): the request \`body\` ${summary.body}`;
}
