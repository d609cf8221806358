import * as l10n from '@vscode/l10n';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileErrorReason } from './fileErrorReason';

/** The request format a template writes: the batch JSONL of OpenAI and compatible APIs. */
export type TemplateDialect = 'openai';

/** A `*.batch-template.json` file, checked against schemas/batch-template.schema.json. */
export interface BatchTemplate {
  /** The dataset, relative to the template file. */
  data: string;
  url: string;
  method: 'POST';
  dialect: TemplateDialect;
  /** A template string: `{{column}}` and `{{row}}` are replaced per row. */
  custom_id: string;
  /** Every string in it is a template; other values are copied as they are. */
  body: Record<string, unknown>;
}

/** The template is not JSON, or not shaped as the schema asks: the message says what to change. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
}

interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
}

type CompiledValidator = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };

// A typed require: schemas/compile.mjs generates the module at build time, and tsc must pass without it.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { batchTemplate: validateTemplate } = require('./generated/templateValidator') as { batchTemplate: CompiledValidator };

export const TEMPLATE_SUFFIX = '.batch-template.json';

/** `a/b/reviews.batch-template.json` → `a/b/reviews.batch.jsonl`: where a build writes by default. */
export function defaultBatchPath(templatePath: string): string {
  const base = path.basename(templatePath);
  const name = base.endsWith(TEMPLATE_SUFFIX) ? base.slice(0, -TEMPLATE_SUFFIX.length) : path.parse(base).name;
  return path.join(path.dirname(templatePath), `${name}.batch.jsonl`);
}

/** `a/b/reviews.batch.jsonl` → `a/b/reviews.batch-template.json`: the template a generated file came from. */
export function templatePathForBatch(batchPath: string): string | undefined {
  const base = path.basename(batchPath);
  return base.endsWith('.batch.jsonl') ? path.join(path.dirname(batchPath), `${base.slice(0, -'.batch.jsonl'.length)}${TEMPLATE_SUFFIX}`) : undefined;
}

/** The dataset's path on disk: `data` is relative to the template's folder. */
export function datasetPath(template: BatchTemplate, templatePath: string): string {
  return path.resolve(path.dirname(templatePath), template.data);
}

function describeSchemaError({ instancePath, keyword, params }: SchemaError): string {
  const where = instancePath ? `"${instancePath.slice(1).replace(/\//g, '.')}"` : l10n.t('the template');
  switch (keyword) {
    case 'required':
      return l10n.t('{0} needs "{1}"', where, String(params.missingProperty));
    case 'additionalProperties':
      return l10n.t('"{0}" is not a template key (use {1})', String(params.additionalProperty), 'data, url, method, dialect, custom_id, body');
    case 'type':
      return params.type === 'object' ? l10n.t('{0} must be an object', where) : l10n.t('{0} must be a {1}', where, String(params.type));
    case 'enum':
      return l10n.t('{0} must be one of {1}', where, (params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(', '));
    case 'minLength':
      return l10n.t('{0} must not be empty', where);
    default:
      return l10n.t('{0} is not valid ({1})', where, keyword);
  }
}

/** Reads a template's text; throws a `TemplateError` naming every mistake. */
export function parseBatchTemplate(text: string): BatchTemplate {
  let value: unknown;
  try {
    value = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw new TemplateError(l10n.t('The template is not valid JSON ({0}): fix it in the editor', (error as Error).message));
  }
  if (!validateTemplate(value)) {
    const problems = (validateTemplate.errors ?? []).map(describeSchemaError);
    throw new TemplateError(l10n.t('The template is not valid: {0}', problems.join('; ')));
  }
  const template = value as Partial<BatchTemplate>;
  return { ...(template as BatchTemplate), method: 'POST', dialect: template.dialect ?? 'openai' };
}

/** Reads and checks a template file; a file that cannot be read is a `TemplateError` too, in words. */
export async function readBatchTemplate(templatePath: string): Promise<BatchTemplate> {
  let text: string;
  try {
    text = await readFile(templatePath, 'utf8');
  } catch (error) {
    throw new TemplateError(l10n.t('cannot read the template {0}: {1}', templatePath, fileErrorReason(error) ?? (error as Error).message));
  }
  try {
    return parseBatchTemplate(text);
  } catch (error) {
    if (error instanceof TemplateError) throw new TemplateError(`${path.basename(templatePath)}: ${error.message}`);
    throw error;
  }
}
