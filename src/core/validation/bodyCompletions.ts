import { ANTHROPIC_ENDPOINT } from '../dialects/anthropic/rules';
import { GEMINI_ENDPOINT } from '../dialects/gemini/rules';

/** The parts of a JSON Schema that completions read. */
interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  if?: Schema;
  then?: Schema;
  else?: Schema;
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  definitions?: Record<string, Schema>;
}

/** schemas/body/*.schema.json by export name, as schemas/compile.mjs writes them at build time. */
interface GeneratedBodySchemas {
  chatCompletions: Schema;
  completions: Schema;
  embeddings: Schema;
  moderations: Schema;
  responses: Schema;
  modelOnly: Schema;
  anthropicMessages: Schema;
  geminiGenerateContent: Schema;
}

// A typed require, as for the compiled validators: the generated module exists only after a build.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generated = require('./generated/bodySchemaSources') as GeneratedBodySchemas;

/** The body schemas by endpoint path without the optional `/v1` (the same files validation compiles). */
const SCHEMAS_BY_PATH: Readonly<Record<string, Schema>> = {
  '/chat/completions': generated.chatCompletions,
  '/completions': generated.completions,
  '/embeddings': generated.embeddings,
  '/moderations': generated.moderations,
  '/responses': generated.responses,
  '/images/generations': generated.modelOnly,
  '/images/edits': generated.modelOnly,
  '/videos': generated.modelOnly,
  // The request member of Anthropic's lines (`params`) and Gemini's (`request`), by the endpoint their dialect names.
  [ANTHROPIC_ENDPOINT.replace(/^\/v1/, '')]: generated.anthropicMessages,
  [GEMINI_ENDPOINT]: generated.geminiGenerateContent,
};

function bodySchema(url: string | undefined): Schema | undefined {
  return url === undefined ? undefined : SCHEMAS_BY_PATH[url.replace(/^\/v1(?=\/)/, '')];
}

/** A key the body (or an object inside it) may take. */
export interface BodyKeySuggestion {
  key: string;
  required: boolean;
  /** `string`, `array`, `object`, … (the first non-null type), for the snippet and the detail. */
  type?: string;
}

/**
 * Every alternative of a schema at one place: `$ref`s resolved, and the branches of `if/then/else`,
 * `allOf`, `anyOf` and `oneOf` included (completions offer what any branch allows).
 */
function alternatives(schema: Schema | undefined, root: Schema, seen = new Set<Schema>()): Schema[] {
  if (!schema || seen.has(schema)) return [];
  seen.add(schema);
  if (schema.$ref) {
    const name = /^#\/definitions\/(.+)$/.exec(schema.$ref)?.[1];
    return alternatives(name ? root.definitions?.[name] : undefined, root, seen);
  }
  const branches = [schema.then, schema.else, ...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return [schema, ...branches.flatMap((branch) => alternatives(branch, root, seen))];
}

/** The schema(s) at `path` inside the body: string steps are properties, number steps array items. */
function schemasAt(url: string | undefined, path: readonly (string | number)[]): { schemas: Schema[]; root?: Schema } {
  const root = bodySchema(url);
  if (!root) return { schemas: [] };
  let current = alternatives(root, root);
  for (const step of path) {
    const next = current.map((schema) => (typeof step === 'number' ? schema.items : schema.properties?.[step]));
    current = next.flatMap((schema) => alternatives(schema, root));
  }
  return { schemas: current, root };
}

function firstType(schema: Schema): string | undefined {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  return types.find((type) => type !== 'null');
}

/** The keys the object at `path` inside a request body of endpoint `url` may have, required ones first. */
export function bodyKeySuggestions(url: string | undefined, path: readonly (string | number)[]): BodyKeySuggestion[] {
  const { schemas, root } = schemasAt(url, path);
  const byKey = new Map<string, BodyKeySuggestion>();
  for (const schema of schemas) {
    for (const [key, property] of Object.entries(schema.properties ?? {})) {
      const required = schema.required?.includes(key) ?? false;
      const known = byKey.get(key);
      const type = known?.type ?? alternatives(property, root!).map(firstType).find(Boolean) ?? (property.enum ? typeof property.enum[0] : undefined);
      byKey.set(key, { key, required: (known?.required ?? false) || (required && schema === schemas[0]), type });
    }
  }
  return [...byKey.values()].sort((a, b) => Number(b.required) - Number(a.required));
}

/** The values the schema lists for the member at `path` (its `enum` and `const` values), e.g. a message `role`. */
export function bodyValueSuggestions(url: string | undefined, path: readonly (string | number)[]): unknown[] {
  const values: unknown[] = [];
  for (const schema of schemasAt(url, path).schemas) {
    for (const value of [...(schema.enum ?? []), ...(schema.const !== undefined ? [schema.const] : [])]) {
      if (!values.some((known) => known === value)) values.push(value);
    }
  }
  return values;
}
