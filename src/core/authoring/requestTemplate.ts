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

type ValuePlan = StringPlan | { kind: 'constant'; value: unknown } | { kind: 'array'; items: ValuePlan[] } | { kind: 'object'; entries: Array<[string, ValuePlan]> };

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
    if (type === '>') throw new TemplateError(`${where}: partials ({{> ${value}}}) are not supported`);
    if (type === 'name' || type === '&' || type === '{' || type === '#' || type === '^') {
      const name = value.split('.')[0];
      if (name && name !== '.') names.add(name);
    }
  }
}

function planValue(value: unknown, where: string, names: Set<string>): ValuePlan {
  if (typeof value === 'string') {
    if (!value.includes('{{')) return { kind: 'constant', value };
    let tokens: MustacheToken[];
    try {
      tokens = writer.parse(value) as MustacheToken[];
    } catch (error) {
      throw new TemplateError(`${where}: ${(error as Error).message} in ${JSON.stringify(value)}`);
    }
    collectNames(tokens, names, where);
    return { kind: 'template', tokens, text: value };
  }
  if (Array.isArray(value)) return { kind: 'array', items: value.map((item, index) => planValue(item, `${where}[${index}]`, names)) };
  if (value !== null && typeof value === 'object') {
    return { kind: 'object', entries: Object.entries(value).map(([key, item]) => [key, planValue(item, `${where}.${key}`, names)]) };
  }
  return { kind: 'constant', value };
}

function renderValue(plan: ValuePlan, context: Mustache.Context): unknown {
  switch (plan.kind) {
    case 'constant':
      return plan.value;
    case 'template':
      return writer.renderTokens(plan.tokens as unknown as string[][], context, undefined, plan.text, RENDER_OPTIONS);
    case 'array':
      return plan.items.map((item) => renderValue(item, context));
    case 'object': {
      const result: Record<string, unknown> = {};
      for (const [key, item] of plan.entries) result[key] = renderValue(item, context);
      return result;
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
  /** The request of one row. Each value is inserted once, as it is: text in it is never expanded. */
  render(values: RowValues, row: number): BatchRequest;
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
  return {
    columns,
    customIdColumns,
    missingColumns: (values) => columns.filter((column) => !(column in values)),
    render(values, row) {
      // A fresh view per row: the row number over the row's values (no prototype: see RowValues).
      const view = Object.assign(Object.create(null) as RowValues, values, { [ROW_NUMBER_NAME]: row });
      const context = new Mustache.Context(view);
      return { custom_id: renderValue(customId, context) as string, method: template.method, url: template.url, body: renderValue(body, context) as Record<string, unknown> };
    },
  };
}
