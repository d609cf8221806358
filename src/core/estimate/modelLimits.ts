import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface ModelWindow {
  /** Input plus output tokens of one request. */
  contextWindow: number;
  maxOutputTokens?: number;
}

/** `schemas/model-limits.json`: context windows and enqueued-token limits per usage tier, sourced and dated. */
export interface ModelLimits {
  recorded: string;
  windows: Record<string, ModelWindow>;
  /** By usage tier ("1".."5"), then model. */
  enqueuedTokenLimits: Record<string, Record<string, number>>;
}

/** Found from wherever this code was built to (`dist/`, `out/src/core/estimate/`), as the price table is. */
function modelLimitsPath(): string {
  for (let dir = __dirname, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    const candidate = join(dir, 'schemas', 'model-limits.json');
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`schemas/model-limits.json was not found above ${__dirname}`);
}

let shipped: ModelLimits | undefined;

/** The shipped table, read once (synchronously: it is 3 KB, and validation needs it on its first line). */
export function modelLimits(): ModelLimits {
  if (!shipped) {
    const json = JSON.parse(readFileSync(modelLimitsPath(), 'utf8')) as {
      recorded: string;
      contextWindows: { models: Record<string, ModelWindow> };
      enqueuedTokenLimits: { tiers: Record<string, Record<string, number>> };
    };
    shipped = { recorded: json.recorded, windows: json.contextWindows.models, enqueuedTokenLimits: json.enqueuedTokenLimits.tiers };
  }
  return shipped;
}

/**
 * The entry for a model in a table keyed by model name: its exact name, else the longest name it starts with
 * followed by `-` (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`), as the price table matches. Fine-tunes
 * (`ft:gpt-4o-mini:org::id`) take their base model's entry.
 */
export function lookupModel<T>(table: Record<string, T>, model: string): T | undefined {
  const name = model.startsWith('ft:') ? model.slice(3).split(':')[0] : model;
  if (Object.prototype.hasOwnProperty.call(table, name)) return table[name];
  let best: string | undefined;
  for (const key of Object.keys(table)) if (name.startsWith(`${key}-`) && (best === undefined || key.length > best.length)) best = key;
  return best === undefined ? undefined : table[best];
}

/** A model's context window, when the table knows it. */
export function contextWindowOf(model: string | undefined): ModelWindow | undefined {
  return model === undefined ? undefined : lookupModel(modelLimits().windows, model);
}
