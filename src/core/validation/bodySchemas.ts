import type { JsonPathStep } from '../jsonl/jsonLocator';
import { DiagnosticCodes } from './codes';
import { describeValue } from './jsonValues';

/** The part of an ajv error the messages are built from. */
interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

type CompiledValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

/** The exports of the code schemas/compile.mjs generates from schemas/body/ at build time. */
interface GeneratedBodyValidators {
  chatCompletions: CompiledValidator;
  completions: CompiledValidator;
  embeddings: CompiledValidator;
  moderations: CompiledValidator;
  responses: CompiledValidator;
  modelOnly: CompiledValidator;
  anthropicMessages: CompiledValidator;
  geminiGenerateContent: CompiledValidator;
}

// A typed require: the generated module exists only after a build, and tsc must pass without it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const generated = require('./generated/bodyValidators') as GeneratedBodyValidators;

/** Endpoints by path without the optional `/v1` prefix (Azure's global batch omits it). */
const VALIDATORS_BY_PATH: Readonly<Record<string, CompiledValidator>> = {
  '/chat/completions': generated.chatCompletions,
  '/completions': generated.completions,
  '/embeddings': generated.embeddings,
  '/moderations': generated.moderations,
  '/responses': generated.responses,
  '/images/generations': generated.modelOnly,
  '/images/edits': generated.modelOnly,
  '/videos': generated.modelOnly,
};

/** Both spellings of each endpoint, looked up without building a string per request. */
const VALIDATORS_BY_URL = new Map<string, CompiledValidator>(
  Object.entries(VALIDATORS_BY_PATH).flatMap(([path, validate]) => [[path, validate], [`/v1${path}`, validate]] as const),
);

export function isEmbeddingsEndpoint(url: string): boolean {
  return url === '/v1/embeddings' || url === '/embeddings';
}

/** What is wrong with a body, where (a path inside the line), and how to say it. */
export interface BodyProblem {
  code: typeof DiagnosticCodes.invalidBody | typeof DiagnosticCodes.missingRequiredParameter;
  /** The member the diagnostic sits on: the bad value, or the object missing a property. */
  path: JsonPathStep[];
  /** The offending parameter, e.g. `body.messages[1].role`. */
  param: string;
  message: string;
}

/** `body.messages[1].role` for the steps `body`, `messages`, 1, `role`. */
export function formatParam(path: readonly JsonPathStep[]): string {
  return path.map((step, index) => (typeof step === 'number' ? `[${step}]` : index === 0 ? step : `.${step}`)).join('');
}

function describeAllowed(values: unknown): string {
  return (Array.isArray(values) ? values : [values]).map((value) => (typeof value === 'string' ? value : JSON.stringify(value))).join(', ');
}

function joinAlternatives(types: string[]): string {
  const named = types.map((type) => (type === 'integer' ? 'an integer' : type === 'object' || type === 'array' ? `an ${type}` : type === 'null' ? 'null' : `a ${type}`));
  return named.length > 1 ? `${named.slice(0, -1).join(', ')} or ${named[named.length - 1]}` : named[0];
}

function pathSteps(instancePath: string): JsonPathStep[] {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((step) => step.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((step) => (/^(0|[1-9]\d*)$/.test(step) ? Number(step) : step));
}

/** The value at `steps` inside `root` (a loop: paths are as short as the schemas are deep). */
function valueAt(root: unknown, steps: readonly JsonPathStep[]): unknown {
  let value = root;
  for (const step of steps) value = (value as Record<string | number, unknown> | undefined)?.[step];
  return value;
}

const COMPARISONS: Record<string, string> = { minimum: 'at least', maximum: 'at most', exclusiveMinimum: 'greater than', exclusiveMaximum: 'less than' };

function explain(error: SchemaError, param: string, value: unknown): string {
  const { params } = error;
  switch (error.keyword) {
    case 'type':
      return `${param} must be ${joinAlternatives(String(params.type).split(','))} (got ${describeValue(value)})`;
    case 'enum':
      return `${param} must be one of ${describeAllowed(params.allowedValues)} (got ${describeValue(value)})`;
    case 'const':
      return `${param} must be ${describeAllowed(params.allowedValue)} (got ${describeValue(value)})`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return `${param} must be ${COMPARISONS[error.keyword]} ${String(params.limit)} (got ${describeValue(value)})`;
    case 'minItems':
      return `${param} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
    case 'maxItems':
      return `${param} must have at most ${String(params.limit)} items (got ${(value as unknown[]).length})`;
    case 'minLength':
      return params.limit === 1 ? `${param} must not be empty` : `${param} must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `${param} must be at most ${String(params.limit)} characters long`;
    case 'pattern':
      return `${param} must match ${String(params.pattern)} (got ${describeValue(value)})`;
    default:
      return `${param} is not valid (${error.keyword})`;
  }
}

/**
 * Checks a request body against its endpoint's schema. Returns the first problem, or `undefined` when
 * the body is fine or the url has no schema (an endpoint this project does not know).
 */
export function checkBody(url: string, body: Record<string, unknown>): BodyProblem | undefined {
  const validate = VALIDATORS_BY_URL.get(url);
  if (!validate) return undefined;
  return checkAgainstSchema(validate, body, 'body', (missing) => (missing === 'model' ? `${url} needs a model` : undefined), `${url} requires it`);
}

/** Anthropic's `params`: the Messages API body, whose model, max_tokens and messages are required. */
export function checkAnthropicParams(params: Record<string, unknown>): BodyProblem | undefined {
  return checkAgainstSchema(generated.anthropicMessages, params, 'params', () => `the Messages API requires it in every batch request`, 'the Messages API requires it');
}

/** Gemini's `request`: a GenerateContentRequest, whose contents are required. */
export function checkGeminiRequest(request: Record<string, unknown>): BodyProblem | undefined {
  return checkAgainstSchema(generated.geminiGenerateContent, request, 'request', () => 'generateContent requires it in every batch request', 'generateContent requires it');
}

/**
 * The first schema problem of `value`, found at `root` of the line. A required property missing at the top
 * is `missing_required_parameter` when `topLevelMissing` explains it, `invalid_body` otherwise.
 */
function checkAgainstSchema(
  validate: CompiledValidator,
  value: Record<string, unknown>,
  root: string,
  topLevelMissing: (missing: string) => string | undefined,
  requiredWhy: string,
): BodyProblem | undefined {
  if (validate(value)) return undefined;
  // `if` errors only say a `then` failed; the error before them says what.
  const error = validate.errors?.find((candidate) => candidate.keyword !== 'if');
  if (!error) return undefined;
  const steps = pathSteps(error.instancePath);
  const path: JsonPathStep[] = [root, ...steps];
  if (error.keyword === 'required') {
    const missing = String(error.params.missingProperty);
    const param = formatParam([...path, missing]);
    const why = steps.length === 0 ? topLevelMissing(missing) : undefined;
    if (why !== undefined) return { code: DiagnosticCodes.missingRequiredParameter, path, param, message: `${param} is missing: ${why}` };
    return { code: DiagnosticCodes.invalidBody, path, param, message: `${param} is missing (${requiredWhy})` };
  }
  const param = formatParam(path);
  return { code: DiagnosticCodes.invalidBody, path, param, message: explain(error, param, valueAt(value, steps)) };
}
