import * as l10n from '@vscode/l10n';
import Mustache from 'mustache';
import { TemplateError, type BatchTemplate } from './batchTemplate';
import type { RowValues } from './datasetRows';

/** One request line's fields, as the batch file holds them. */
export interface BatchRequest {
  custom_id: string;
  method: 'POST';
  url: string;
  body: Record<string, unknown>;
}

/** A template string parsed once. */
interface StringPlan {
  kind: 'template';
  tokens: MustacheToken[];
  text: string;
}

/**
 * How to make one value of the request. A constant (a subtree with no template in it) carries its JSON
 * text, so a row's line is written from fragments: only the filled strings are serialised per row.
 */
type ValuePlan =
  | StringPlan
  | { kind: 'constant'; value: unknown; json: string }
  | { kind: 'array'; items: ValuePlan[] }
  | { kind: 'object'; entries: Array<{ key: string; keyJson: string; plan: ValuePlan }> };

type MustacheToken = [string, string, number, number, MustacheToken[]?];

/** The name `{{row}}` reads: the 1-based row number, whatever column of that name the dataset has. */
export const ROW_NUMBER_NAME = 'row';

// One writer for the templates of this module: its cache holds the parsed template strings.
const writer = new Mustache.Writer();

/**
 * Values are inserted exactly as they are: mustache's HTML escaping is off. A JSON value that is not a
 * string (a number, an object in a JSON Lines row) is inserted as its JSON text.
 */
const RENDER_OPTIONS = {
  escape: (value: unknown): string => (typeof value === 'string' ? value : typeof value === 'object' ? JSON.stringify(value) : String(value)),
};

/** Collects the top-level names a template reads; names inside a section may be the section item's. */
function collectNames(tokens: MustacheToken[], names: Set<string>, where: string): void {
  for (const [type, value] of tokens) {
    if (type === '>') throw new TemplateError(l10n.t('{0}: partials ({1}) are not supported', where, `{{> ${value}}}`));
    if (type === 'name' || type === '&' || type === '{' || type === '#' || type === '^') {
      const name = value.split('.')[0];
      if (name && name !== '.') names.add(name);
    }
  }
}

function planValue(value: unknown, where: string, names: Set<string>): ValuePlan {
  const constant: ValuePlan = { kind: 'constant', value, json: JSON.stringify(value) };
  if (typeof value === 'string') {
    if (!value.includes('{{')) return constant;
    let tokens: MustacheToken[];
    try {
      tokens = writer.parse(value) as MustacheToken[];
    } catch (error) {
      throw new TemplateError(l10n.t('{0}: {1} in {2}', where, (error as Error).message, JSON.stringify(value)));
    }
    collectNames(tokens, names, where);
    return tokens.length === 1 && tokens[0][0] === 'text' ? constant : { kind: 'template', tokens, text: value };
  }
  if (Array.isArray(value)) {
    const items = value.map((item, index) => planValue(item, `${where}[${index}]`, names));
    return items.every((item) => item.kind === 'constant') ? constant : { kind: 'array', items };
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => ({ key, keyJson: JSON.stringify(key), plan: planValue(item, `${where}.${key}`, names) }));
    return entries.every((entry) => entry.plan.kind === 'constant') ? constant : { kind: 'object', entries };
  }
  return constant;
}

/** Fills the plan for one row: the value, and its JSON text as `JSON.stringify` would write it. */
function renderValue(plan: ValuePlan, context: Mustache.Context): { value: unknown; json: string } {
  switch (plan.kind) {
    case 'constant':
      return plan;
    case 'template': {
      const value = writer.renderTokens(plan.tokens as unknown as string[][], context, undefined, plan.text, RENDER_OPTIONS);
      return { value, json: JSON.stringify(value) };
    }
    case 'array': {
      const value: unknown[] = [];
      const json: string[] = [];
      for (const item of plan.items) {
        const rendered = renderValue(item, context);
        value.push(rendered.value);
        json.push(rendered.json);
      }
      return { value, json: `[${json.join(',')}]` };
    }
    case 'object': {
      const value: Record<string, unknown> = {};
      const json: string[] = [];
      for (const { key, keyJson, plan: item } of plan.entries) {
        const rendered = renderValue(item, context);
        value[key] = rendered.value;
        json.push(`${keyJson}:${rendered.json}`);
      }
      return { value, json: `{${json.join(',')}}` };
    }
  }
}

/** A template compiled once for a whole dataset. */
export interface RequestTemplate {
  /** The columns the template reads, `row` excluded. */
  columns: string[];
  /** The columns `custom_id` reads: a row with one of them empty has no id of its own. */
  customIdColumns: string[];
  /** The columns of `columns` the row lacks (a short CSV row, a JSON Lines object without the key). */
  missingColumns(values: RowValues): string[];
  /**
   * The request of one row, and its JSON line (no line ending). Each value is inserted once, as it is:
   * text in it is never expanded.
   */
  render(values: RowValues, row: number): { request: BatchRequest; line: string };
}

/**
 * Compiles the template's `custom_id` and every string in its `body` with mustache (logic-less, escaping
 * off). Throws a `TemplateError` for a string mustache cannot parse, naming where it is.
 */
export function compileRequestTemplate(template: BatchTemplate): RequestTemplate {
  const names = new Set<string>();
  const customId = planValue(template.custom_id, 'custom_id', names);
  names.delete(ROW_NUMBER_NAME);
  const customIdColumns = [...names];
  const body = planValue(template.body, 'body', names);
  names.delete(ROW_NUMBER_NAME);
  const columns = [...names];
  // The key order of JSON.stringify(request): custom_id, method, url, body.
  const envelopeJson = `"method":${JSON.stringify(template.method)},"url":${JSON.stringify(template.url)}`;
  return {
    columns,
    customIdColumns,
    missingColumns: (values) => columns.filter((column) => !Object.hasOwn(values, column)),
    render(values, row) {
      // Looked up first: the row number, and each column the row lacks as empty, so that mustache (which
      // looks names up with `in`) never reaches an inherited member such as `constructor`.
      const own: RowValues = { [ROW_NUMBER_NAME]: row };
      for (const column of columns) if (!Object.hasOwn(values, column)) own[column] = undefined;
      const context = new Mustache.Context(values).push(own);
      const id = renderValue(customId, context);
      const content = renderValue(body, context);
      const request: BatchRequest = { custom_id: id.value as string, method: template.method, url: template.url, body: content.value as Record<string, unknown> };
      return { request, line: `{"custom_id":${id.json},${envelopeJson},"body":${content.json}}` };
    },
  };
}
