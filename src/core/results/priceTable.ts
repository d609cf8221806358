import * as l10n from '@vscode/l10n';
import { existsSync } from 'node:fs';
import { open, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { profileDialect, type Profile } from '../providers/profile';
import { scheduleHoldUntil, scheduleProblem } from '../runner/runSchedule';
import { isJsonObject } from '../validation/jsonValues';

/** Synchronous prices of one model, per 1M tokens. */
export interface ModelPrice {
  input: number;
  /** Cached prompt tokens; without it they cost `input`. */
  cachedInput?: number;
  output: number;
}

/** A batch discount: the share saved against synchronous prices (0.5 = 50% off). */
export interface BatchDiscount {
  rate: number;
  label: string;
}

/**
 * A provider's rates by time of day: requests sent inside one of `windows` (local `HH:MM-HH:MM` in
 * `timeZone`, on `days` when given) cost `multiplier` times the model's price.
 */
export interface TimeOfDayRate {
  /** Price table names (`deepseek-flash`); a dated snapshot matches as in `findModelPrice`. */
  models: string[];
  timeZone: string;
  windows: string[];
  /** Local weekdays it applies on (`Mon`…`Sun`); every day when absent. */
  days?: string[];
  multiplier: number;
  label: string;
}

/**
 * The price table: `schemas/prices.json` ships the defaults (common OpenAI models, the Batch API's 50% and
 * the seed provider's own discounts); a user's JSON file of the same shape overrides any part of it.
 */
export interface PriceTable {
  currency: string;
  discounts: Record<string, BatchDiscount>;
  /** Keyed by model name; a dated snapshot (`gpt-4o-2024-08-06`) uses its base name's price. */
  models: Record<string, ModelPrice>;
  /** Time-of-day rates (DeepSeek's peak hours); a request without a send time is priced at the model's price. */
  timeOfDayRates: TimeOfDayRate[];
}

/** A price file that is not valid: the message names the file and the field, and says what is expected. */
export class PriceTableError extends Error {
  override name = 'PriceTableError';
}

type Json = Record<string, unknown>;


function describe(value: unknown): string {
  return value === undefined ? l10n.t('nothing') : JSON.stringify(value);
}

function objectAt(value: unknown, where: string): Json {
  if (!isJsonObject(value)) throw new PriceTableError(l10n.t('{0} must be a JSON object, not {1}', where, describe(value)));
  return value;
}

function priceAt(value: unknown, where: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new PriceTableError(l10n.t('{0} must be a number ≥ 0 (price per 1M tokens), not {1}', where, describe(value)));
  }
  return value;
}

function mergeModel(base: ModelPrice | undefined, value: unknown, where: string): ModelPrice {
  const entry = objectAt(value, where);
  const merged: Partial<ModelPrice> = { ...base };
  for (const key of ['input', 'cachedInput', 'output'] as const) {
    if (entry[key] !== undefined) merged[key] = priceAt(entry[key], `${where}.${key}`);
  }
  for (const key of ['input', 'output'] as const) {
    if (merged[key] === undefined) throw new PriceTableError(l10n.t('{0} is required for a model not in the defaults', `${where}.${key}`));
  }
  return merged as ModelPrice;
}

/**
 * A label of the shipped price table in the message language (they are data in schemas/prices.json, in
 * English); any other label, a price file's own, is shown as written.
 */
function shippedLabel(label: string): string {
  switch (label) {
    case 'Batch API (OpenAI, Azure OpenAI): 50% off':
      return l10n.t('Batch API (OpenAI, Azure OpenAI): 50% off');
    case 'Anthropic Message Batches: 50% off':
      return l10n.t('Anthropic Message Batches: 50% off');
    case 'Gemini Batch Mode: 50% off':
      return l10n.t('Gemini Batch Mode: 50% off');
    case 'Seed realtime batch: 10% off':
      return l10n.t('Seed realtime batch: 10% off');
    case 'Seed async batch jobs: 20% off':
      return l10n.t('Seed async batch jobs: 20% off');
    case 'Seed file batch: 30% off':
      return l10n.t('Seed file batch: 30% off');
    case 'Direct run (synchronous requests): no discount':
      return l10n.t('Direct run (synchronous requests): no discount');
    case 'DeepSeek peak hours (09:00-12:00 and 14:00-18:00 Beijing time, weekdays): 2x':
      return l10n.t('DeepSeek peak hours (09:00-12:00 and 14:00-18:00 Beijing time, weekdays): 2x');
    default:
      return label;
  }
}

function mergeDiscount(base: BatchDiscount | undefined, value: unknown, where: string): BatchDiscount {
  const entry = objectAt(value, where);
  const rate = entry.rate ?? base?.rate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate < 1)) {
    throw new PriceTableError(l10n.t('{0} must be a number from 0 up to (not including) 1, e.g. 0.5 for 50% off, not {1}', `${where}.rate`, describe(rate)));
  }
  const label = entry.label ?? base?.label;
  if (typeof label !== 'string') throw new PriceTableError(l10n.t('{0} must be a string, e.g. {1}', `${where}.label`, '"My gateway: 40% off"'));
  return { rate, label: shippedLabel(label) };
}

/**
 * Merges a parsed price file over `base` and validates it: `models` and `discounts` merge per entry and
 * per field, so `{"models": {"gpt-4o": {"output": 9}}}` changes one price. Other top-level keys (`note`,
 * `$schema`) are ignored. Throws `PriceTableError` naming `source` and the field at fault.
 */
export function mergePriceTable(base: PriceTable, override: unknown, source: string): PriceTable {
  const root = objectAt(override, source);
  const merged: PriceTable = { currency: base.currency, discounts: { ...base.discounts }, models: { ...base.models }, timeOfDayRates: base.timeOfDayRates };
  if (root.currency !== undefined) {
    if (typeof root.currency !== 'string' || !root.currency) throw new PriceTableError(l10n.t('{0}: currency must be a string such as "USD"', source));
    merged.currency = root.currency;
  }
  if (root.models !== undefined) {
    for (const [name, value] of Object.entries(objectAt(root.models, `${source}: models`))) {
      merged.models[name] = mergeModel(base.models[name], value, `${source}: models[${JSON.stringify(name)}]`);
    }
  }
  if (root.discounts !== undefined) {
    for (const [name, value] of Object.entries(objectAt(root.discounts, `${source}: discounts`))) {
      merged.discounts[name] = mergeDiscount(base.discounts[name], value, `${source}: discounts[${JSON.stringify(name)}]`);
    }
  }
  // A list has no key to merge by: a file that gives one replaces the rates ([] removes them).
  if (root.timeOfDayRates !== undefined) {
    if (!Array.isArray(root.timeOfDayRates)) throw new PriceTableError(l10n.t('{0}: timeOfDayRates must be a list of rates', source));
    merged.timeOfDayRates = root.timeOfDayRates.map((value, index) => parseTimeOfDayRate(value, `${source}: timeOfDayRates[${index}]`));
  }
  return merged;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function stringsAt(value: unknown, where: string, example: string): string[] {
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) throw new PriceTableError(l10n.t('{0} must be a list of strings, e.g. {1}', where, example));
  return value as string[];
}

function parseTimeOfDayRate(value: unknown, where: string): TimeOfDayRate {
  const entry = objectAt(value, where);
  const windowProblem = scheduleProblem({ timeZone: entry.timeZone, avoid: entry.windows });
  if (windowProblem) {
    throw new PriceTableError(l10n.t('{0}: "timeZone" must be a time zone (e.g. Asia/Shanghai) and "windows" a list of "HH:MM-HH:MM" local times, not {1} and {2}', where, describe(entry.timeZone), describe(entry.windows)));
  }
  const models = stringsAt(entry.models, `${where}.models`, '["deepseek-flash"]');
  const rate: TimeOfDayRate = { models, timeZone: entry.timeZone as string, windows: entry.windows as string[], multiplier: 0, label: '' };
  if (entry.days !== undefined) {
    const days = stringsAt(entry.days, `${where}.days`, '["Mon", "Tue", "Wed", "Thu", "Fri"]');
    const bad = days.find((day) => !WEEKDAYS.includes(day));
    if (bad !== undefined) throw new PriceTableError(l10n.t('{0}: {1} is not one of {2}', `${where}.days`, JSON.stringify(bad), WEEKDAYS.join(', ')));
    rate.days = days;
  }
  if (typeof entry.multiplier !== 'number' || !(entry.multiplier >= 0) || !Number.isFinite(entry.multiplier)) {
    throw new PriceTableError(l10n.t("{0} must be a number ≥ 0 (2 for double the model's price), not {1}", `${where}.multiplier`, describe(entry.multiplier)));
  }
  rate.multiplier = entry.multiplier;
  if (typeof entry.label !== 'string') throw new PriceTableError(l10n.t('{0} must be a string, e.g. {1}', `${where}.label`, '"DeepSeek peak hours: 2x"'));
  rate.label = shippedLabel(entry.label);
  return rate;
}

const EMPTY_TABLE: PriceTable = { currency: 'USD', discounts: {}, models: {}, timeOfDayRates: [] };

/**
 * Parses a price file's text and merges it over `base` (by default nothing, for the defaults file
 * itself). Throws `PriceTableError` for text that is not JSON or a table that is not valid.
 */
export function parsePriceTable(text: string, source: string, base: PriceTable = EMPTY_TABLE): PriceTable {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    // The parser's message quotes the text, and a price file may be any file: name it, never show it.
    const position = /position (\d+)/.exec(error instanceof Error ? error.message : '')?.[1];
    throw new PriceTableError(position ? l10n.t('{0} is not valid JSON (at character {1})', source, position) : l10n.t('{0} is not valid JSON', source));
  }
  return mergePriceTable(base, json, source);
}

/**
 * The shipped `schemas/prices.json`, found from wherever this code was built to (`dist/` in the
 * extension and the CLI, `out/src/core/results/` in tests). The extension may pass its own path instead.
 */
export function defaultPriceTablePath(): string {
  for (let dir = __dirname, depth = 0; depth < 6; dir = dirname(dir), depth++) {
    const candidate = join(dir, 'schemas', 'prices.json');
    if (existsSync(candidate)) return candidate;
  }
  throw new PriceTableError(l10n.t('{0} was not found above {1}', 'schemas/prices.json', __dirname));
}

export interface PriceTableFiles {
  /** The defaults; `defaultPriceTablePath()` when not given. */
  defaultsPath?: string;
  /** The user's overrides, merged over the defaults. */
  userPath?: string;
}

/** Reads the default price table and merges the user's file over it. Rejects with `PriceTableError` or an I/O error. */
export async function loadPriceTable(files: PriceTableFiles = {}): Promise<PriceTable> {
  const defaultsPath = files.defaultsPath ?? defaultPriceTablePath();
  const defaults = parsePriceTable(await readFile(defaultsPath, 'utf8'), defaultsPath);
  if (files.userPath === undefined) return defaults;
  return parsePriceTable(await readPriceFile(files.userPath), files.userPath, defaults);
}

/** A price file is a few kilobytes; anything over this is not one. */
export const MAX_PRICE_FILE_BYTES = 1024 * 1024;

/**
 * Reads at most {@link MAX_PRICE_FILE_BYTES} (+1, to tell "over" from "exactly"): a path to `/dev/zero`, a
 * pipe or a huge file is refused by name without being read whole.
 */
async function readPriceFile(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    if (!(await file.stat()).isFile()) throw new PriceTableError(l10n.t('{0} is not a regular file', path));
    const buffer = Buffer.alloc(MAX_PRICE_FILE_BYTES + 1);
    let length = 0;
    for (let read = -1; read !== 0 && length < buffer.length; length += read) {
      ({ bytesRead: read } = await file.read(buffer, length, buffer.length - length, null));
    }
    if (length > MAX_PRICE_FILE_BYTES) throw new PriceTableError(l10n.t('{0} is over 1 MB, too large for a price file', path));
    return buffer.toString('utf8', 0, length);
  } finally {
    await file.close();
  }
}

/**
 * The price of a model: its exact name, else the longest table name it starts with followed by `-`
 * (`gpt-4o-mini-2024-07-18` → `gpt-4o-mini`, not `gpt-4o`).
 */
export function findModelPrice(table: PriceTable, model: string): { name: string; price: ModelPrice } | undefined {
  if (table.models[model]) return { name: model, price: table.models[model] };
  let best: string | undefined;
  for (const name of Object.keys(table.models)) {
    if (model.startsWith(`${name}-`) && (best === undefined || name.length > best.length)) best = name;
  }
  return best === undefined ? undefined : { name: best, price: table.models[best] };
}

function localWeekday(unixSeconds: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(new Date(unixSeconds * 1000));
}

/**
 * The time-of-day rate in force for a request to `priceName` (a table name) sent at `sentAt` (Unix
 * seconds), or undefined when the model's own price applies.
 */
export function timeOfDayRateAt(table: PriceTable, priceName: string, sentAt: number | undefined): TimeOfDayRate | undefined {
  if (sentAt === undefined) return undefined;
  return table.timeOfDayRates.find(
    (rate) =>
      rate.models.includes(priceName) &&
      (rate.days === undefined || rate.days.includes(localWeekday(sentAt, rate.timeZone))) &&
      scheduleHoldUntil({ timeZone: rate.timeZone, avoid: rate.windows }, sentAt * 1000) !== undefined,
  );
}

/**
 * The discount that applies to jobs submitted through a profile: the seed's own per mode, none for a direct
 * run (synchronous requests at list price), Anthropic's Message Batches', Gemini's Batch Mode's, else the Batch API's.
 */
export function discountNameForProfile(profile: Pick<Profile, 'kind' | 'mode' | 'dialect'>): string {
  if (profile.kind === 'direct') return 'direct';
  const dialect = profileDialect(profile);
  if (dialect === 'anthropic' || dialect === 'gemini') return `${dialect}-batch`;
  return profile.kind === 'seed' ? `seed-${profile.mode ?? 'files'}` : 'batch';
}
