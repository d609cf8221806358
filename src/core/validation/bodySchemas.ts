import * as l10n from '@vscode/l10n';
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

/** "a string", "an integer", … in the message language. */
function typeName(type: string): string {
  switch (type) {
    case 'string':
      return l10n.t('a string');
    case 'number':
      return l10n.t('a number');
    case 'integer':
      return l10n.t('an integer');
    case 'boolean':
      return l10n.t('a boolean');
    case 'object':
      return l10n.t('an object');
    case 'array':
      return l10n.t('an array');
    case 'null':
      return 'null';
    default:
      return type;
  }
}

function joinAlternatives(types: string[]): string {
  const named = types.map(typeName);
  return named.length > 1 ? l10n.t('{0} or {1}', named.slice(0, -1).join(', '), named[named.length - 1]) : named[0];
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

function explain(error: SchemaError, param: string, value: unknown): string {
  const { params } = error;
  switch (error.keyword) {
    case 'type':
      return l10n.t('{0} must be {1} (got {2})', param, joinAlternatives(String(params.type).split(',')), describeValue(value));
    case 'enum':
      return l10n.t('{0} must be one of {1} (got {2})', param, describeAllowed(params.allowedValues), describeValue(value));
    case 'const':
      return l10n.t('{0} must be {1} (got {2})', param, describeAllowed(params.allowedValue), describeValue(value));
    case 'minimum':
      return l10n.t('{0} must be at least {1} (got {2})', param, String(params.limit), describeValue(value));
    case 'maximum':
      return l10n.t('{0} must be at most {1} (got {2})', param, String(params.limit), describeValue(value));
    case 'exclusiveMinimum':
      return l10n.t('{0} must be greater than {1} (got {2})', param, String(params.limit), describeValue(value));
    case 'exclusiveMaximum':
      return l10n.t('{0} must be less than {1} (got {2})', param, String(params.limit), describeValue(value));
    case 'minItems':
      return params.limit === 1 ? l10n.t('{0} must have at least 1 item', param) : l10n.t('{0} must have at least {1} items', param, String(params.limit));
    case 'maxItems':
      return l10n.t('{0} must have at most {1} items (got {2})', param, String(params.limit), (value as unknown[]).length);
    case 'minLength':
      return params.limit === 1 ? l10n.t('{0} must not be empty', param) : l10n.t('{0} must be at least {1} characters long', param, String(params.limit));
    case 'maxLength':
      return l10n.t('{0} must be at most {1} characters long', param, String(params.limit));
    case 'pattern':
      return l10n.t('{0} must match {1} (got {2})', param, String(params.pattern), describeValue(value));
    default:
      return l10n.t('{0} is not valid ({1})', param, error.keyword);
  }
}

/**
 * Checks a request body against its endpoint's schema. Returns the first problem, or `undefined` when
 * the body is fine or the url has no schema (an endpoint this project does not know).
 */
export function checkBody(url: string, body: Record<string, unknown>): BodyProblem | undefined {
  const validate = VALIDATORS_BY_URL.get(url);
  if (!validate) return undefined;
  return checkAgainstSchema(validate, body, 'body', (missing) => (missing === 'model' ? l10n.t('{0} needs a model', url) : undefined), l10n.t('{0} requires it', url));
}

/** Anthropic's `params`: the Messages API body, whose model, max_tokens and messages are required. */
export function checkAnthropicParams(params: Record<string, unknown>): BodyProblem | undefined {
  return checkAgainstSchema(generated.anthropicMessages, params, 'params', () => l10n.t('the Messages API requires it in every batch request'), l10n.t('the Messages API requires it'));
}

/** Gemini's `request`: a GenerateContentRequest, whose contents are required. */
export function checkGeminiRequest(request: Record<string, unknown>): BodyProblem | undefined {
  return checkAgainstSchema(generated.geminiGenerateContent, request, 'request', () => l10n.t('generateContent requires it in every batch request'), l10n.t('generateContent requires it'));
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
    if (why !== undefined) return { code: DiagnosticCodes.missingRequiredParameter, path, param, message: l10n.t('{0} is missing: {1}', param, why) };
    return { code: DiagnosticCodes.invalidBody, path, param, message: l10n.t('{0} is missing ({1})', param, requiredWhy) };
  }
  const param = formatParam(path);
  return { code: DiagnosticCodes.invalidBody, path, param, message: explain(error, param, valueAt(value, steps)) };
}
