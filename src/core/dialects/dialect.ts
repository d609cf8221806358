import type { JsonPathStep } from '../jsonl/jsonLocator';
import type { LineDiagnostic, LineLookups } from '../validation/lineText';
import type { ProviderLimits } from '../validation/providers';
import type { ProviderLimitsName } from '../validation/types';

/** The request formats of batch files: OpenAI's (also Azure, Groq, compatible servers), Anthropic's and Gemini's. */
export type DialectName = 'openai' | 'anthropic' | 'gemini';

export const DIALECT_NAMES: readonly DialectName[] = ['openai', 'anthropic', 'gemini'];

export function isDialectName(value: string): value is DialectName {
  return (DIALECT_NAMES as readonly string[]).includes(value);
}

/** What the cross-line rules need from a request line, whatever its dialect. */
export interface RequestFacts {
  /** A usable request id (`custom_id`, or Gemini's `key`): a non-empty string. */
  customId?: string;
  /** The endpoint the line goes to, when the provider accepts it (Anthropic: always `/v1/messages`). */
  url?: string;
  model?: string;
  /** `/v1/embeddings`: how many inputs this request embeds. */
  embeddingInputs: number;
}

/**
 * One request format: how its lines are recognised, checked and summarised. The validator, the submit
 * flow and the results join ask the line's dialect instead of branching on it.
 */
export interface BatchDialect {
  readonly name: DialectName;
  /** How messages name it: `OpenAI`, `Anthropic`. */
  readonly label: string;
  /** The member that identifies a request and its result: `custom_id`, or Gemini's `key`. */
  readonly idKey: string;
  /** Where a request names its model, e.g. `body.model`, `params.model`. */
  readonly modelPath: readonly JsonPathStep[];
  /** Every request of a file must use the same model (OpenAI); Anthropic mixes models freely. */
  readonly oneModelPerFile: boolean;
  /** Its top-level members say a request line is in this dialect. */
  matches(request: Record<string, unknown>): boolean;
  /** The per-file limits; OpenAI's depend on the provider the file goes to. */
  limits(provider: ProviderLimitsName): { limits: ProviderLimits; label: string };
  /** Records the facts of a request line on `facts` (the line's own record: no object per line). */
  collectFacts(request: Record<string, unknown>, provider: ProviderLimitsName, facts: RequestFacts): void;
  /**
   * The request as the token estimate counts it: an OpenAI endpoint and body (another dialect's request as
   * its chat equivalent); `undefined` when the line has no body to count.
   */
  countedRequest(request: Record<string, unknown>): { url: string | undefined; body: Record<string, unknown> } | undefined;
  /** The rules that need only this line. */
  requestFindings(request: Record<string, unknown>, source: LineLookups, provider: ProviderLimitsName): LineDiagnostic[];
}
