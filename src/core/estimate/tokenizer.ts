// `require`: the package exports its CommonJS build under the "require" condition only.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { modelToEncodingMap } = require('gpt-tokenizer/cjs/mapping') as typeof import('gpt-tokenizer/cjs/mapping');

/** The two encodings OpenAI's current and previous chat and embedding models use. */
export type EncodingName = 'o200k_base' | 'cl100k_base';

type Encoding = typeof import('gpt-tokenizer/cjs/encoding/o200k_base');

/**
 * How a model's tokens are counted: with its own encoding (`exact`), or, for models whose tokenizer is not
 * public in JavaScript (DeepSeek, Llama, an Azure deployment name), with o200k_base as a labelled
 * approximation.
 */
export interface ModelTokenizer {
  encoding: EncodingName;
  exact: boolean;
  count(text: string): number;
  /** How many counts so far extrapolated a very long run without whitespace (see `countLongRuns`). */
  readonly extrapolated: number;
}

/** Text is counted as the API counts it: `<|endoftext|>` in a prompt is plain text, not a special token. */
const AS_PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

const loaded = new Map<EncodingName, Encoding>();

/**
 * The encodings weigh 1.2 MB (cl100k) and 2.4 MB (o200k): each is loaded on first use, never at startup.
 * The bundles ship them as separate files (`dist/tokenizers/*.js`, see esbuild.mjs).
 */
function loadEncoding(name: EncodingName): Encoding {
  let encoding = loaded.get(name);
  if (!encoding) {
    // `require` on first use, not `import`: an import would load both encodings at startup.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    encoding = name === 'o200k_base' ? (require('gpt-tokenizer/cjs/encoding/o200k_base') as Encoding) : (require('gpt-tokenizer/cjs/encoding/cl100k_base') as Encoding);
    loaded.set(name, encoding);
  }
  return encoding;
}

/** Counts of strings repeated across a file (system prompts, instructions), keyed by the string itself. */
const REPEATED_TEXT_MIN_LENGTH = 32;
const REPEATED_TEXT_CACHE_SIZE = 256;

/**
 * Byte-pair encoding takes time quadratic in the length of one word: 50,000 letters without a space take
 * seconds, a megabyte hours. A run of non-whitespace longer than this is counted from its first slice and
 * extrapolated (and the count marked approximate); natural text never has such runs.
 */
const MAX_EXACT_RUN = 1000;

function isAsciiWhitespace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 12 || code === 11;
}

/** Counts `text` whole when it has no run over MAX_EXACT_RUN (the usual case: one linear scan), else per segment. */
function countLongRuns(text: string, countExactly: (part: string) => number, onExtrapolated: () => void): number {
  let total = 0;
  let segmentStart = 0;
  let runStart = -1;
  const closeRun = (end: number): void => {
    if (runStart < 0 || end - runStart <= MAX_EXACT_RUN) return;
    total += countExactly(text.slice(segmentStart, runStart));
    total += Math.ceil((countExactly(text.slice(runStart, runStart + MAX_EXACT_RUN)) * (end - runStart)) / MAX_EXACT_RUN);
    segmentStart = end;
    onExtrapolated();
  };
  for (let index = 0; index < text.length; index++) {
    if (!isAsciiWhitespace(text.charCodeAt(index))) {
      if (runStart < 0) runStart = index;
    } else {
      closeRun(index);
      runStart = -1;
    }
  }
  closeRun(text.length);
  return segmentStart === 0 ? countExactly(text) : total + countExactly(text.slice(segmentStart));
}

function tokenizerOf(encoding: EncodingName, exact: boolean): ModelTokenizer {
  const cache = new Map<string, number>();
  const countExactly = (part: string): number => (part ? loadEncoding(encoding).countTokens(part, AS_PLAIN_TEXT) : 0);
  let extrapolated = 0;
  return {
    encoding,
    exact,
    get extrapolated() {
      return extrapolated;
    },
    count(text: string): number {
      if (text.length === 0) return 0;
      const cached = text.length >= REPEATED_TEXT_MIN_LENGTH ? cache.get(text) : undefined;
      if (cached !== undefined) return cached;
      const before = extrapolated;
      const tokens = text.length <= MAX_EXACT_RUN ? countExactly(text) : countLongRuns(text, countExactly, () => extrapolated++);
      // An extrapolated count is not cached: a cache hit could not say it is approximate.
      if (text.length >= REPEATED_TEXT_MIN_LENGTH && extrapolated === before) {
        if (cache.size >= REPEATED_TEXT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
        cache.set(text, tokens);
      }
      return tokens;
    },
  };
}

const tokenizers = new Map<string, ModelTokenizer>();

/** OpenAI model families; anything else is another provider's model (or a deployment name). */
const OPENAI_MODEL = /^(gpt-|chatgpt-|o\d|text-embedding-|davinci-|babbage-|omni-moderation|text-moderation|codex-|computer-use)/;

/** `ft:gpt-4o-mini-2024-07-18:org::id` → `gpt-4o-mini-2024-07-18`. */
function baseModel(model: string): string {
  return model.startsWith('ft:') ? model.slice(3).split(':')[0] : model;
}

/** The encoding of an OpenAI model: gpt-tokenizer's table for older models, o200k_base for the rest. */
function openAiEncoding(model: string): { encoding: EncodingName; exact: boolean } {
  let known = modelToEncodingMap[model as keyof typeof modelToEncodingMap] as string | undefined;
  // A dated snapshot or variant (`gpt-4-0613`) takes the encoding of the longest listed name it starts with.
  if (!known) {
    let best = '';
    for (const name of Object.keys(modelToEncodingMap)) if (model.startsWith(`${name}-`) && name.length > best.length) best = name;
    known = best ? (modelToEncodingMap[best as keyof typeof modelToEncodingMap] as string) : undefined;
  }
  if (known === undefined || known === 'o200k_base' || known === 'o200k_harmony') return { encoding: 'o200k_base', exact: true };
  if (known === 'cl100k_base') return { encoding: 'cl100k_base', exact: true };
  // p50k/r50k: retired completion models; cl100k_base is close.
  return { encoding: 'cl100k_base', exact: false };
}

/** The tokenizer for a model (cached per model name). */
export function tokenizerForModel(model: string | undefined): ModelTokenizer {
  const key = model ?? '';
  let tokenizer = tokenizers.get(key);
  if (!tokenizer) {
    const base = baseModel(key);
    const { encoding, exact } = OPENAI_MODEL.test(base) ? openAiEncoding(base) : { encoding: 'o200k_base' as const, exact: false };
    tokenizer = tokenizerOf(encoding, exact);
    tokenizers.set(key, tokenizer);
  }
  return tokenizer;
}
