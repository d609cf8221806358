import { getLocation, type Node } from 'jsonc-parser';
import * as vscode from 'vscode';
import { bodyKeySuggestions, bodyValueSuggestions } from '../../core/validation/bodyCompletions';
import { OPENAI_BATCH_ENDPOINTS, acceptedEndpoints, type BatchDocumentValidator } from '../../core/validation';
import type { ProviderLimitsName } from '../../core/validation/types';
import { BATCH_DOCUMENT_SELECTOR } from './batchLanguage';
import { describeEndpoint } from '../../core/validation/endpointSummaries';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';
import { requestLinePlace, topLevelKeys, type ReplaceSpan } from '../../core/validation/requestLineScanner';
import { nextFreeCustomId } from '../../core/validation/uniqueCustomId';
import { openaiDialect, type BatchDialect, type DialectName } from '../../core/dialects';

interface EnvelopeKey {
  key: string;
  documentation: string;
  /** The value snippet inserted after `"key": `. */
  value(facts: FileFacts): string;
}

interface FileFacts {
  endpoints: readonly string[];
  endpoint?: string;
  model?: string;
  freeCustomId: string;
}

function snippetString(value: string): string {
  return JSON.stringify(value).replace(/[$}\\]/g, (char) => (char === '\\' ? '\\\\' : `\\${char}`));
}

/** A free request id (`request-N`) as the first tab stop. */
function freeIdSnippet(facts: FileFacts): string {
  return `"\${1:${facts.freeCustomId.replace(/[$}\\]/g, '\\$&')}}"`;
}

const CUSTOM_ID_KEY: EnvelopeKey = {
  key: 'custom_id',
  documentation: vscode.l10n.t('Your id for this request, unique in the file: results come back keyed by it, in any order.'),
  value: freeIdSnippet,
};

const OPENAI_ENVELOPE_KEYS: readonly EnvelopeKey[] = [
  CUSTOM_ID_KEY,
  { key: 'method', documentation: vscode.l10n.t('The HTTP method: always `"POST"` in a batch.'), value: () => '"POST"' },
  {
    key: 'url',
    documentation: vscode.l10n.t('The endpoint every request of the file goes to (one per file).'),
    value: (facts) =>
      facts.endpoint ? snippetString(facts.endpoint) : `"\${1|${facts.endpoints.map((endpoint) => endpoint.replace(/[,|$}\\]/g, '\\$&')).join(',')}|}"`,
  },
  {
    key: 'body',
    documentation: vscode.l10n.t("The endpoint's request body, as you would send it directly (without `stream`)."),
    value: (facts) => (facts.model ? `{"model": ${snippetString(facts.model)}, $0}` : '{$0}'),
  },
];

/** The members of a request line in each format: OpenAI's four, Anthropic's `custom_id` and `params`, Gemini's `key` and `request`. */
const ENVELOPE_KEYS: Readonly<Record<DialectName, readonly EnvelopeKey[]>> = {
  openai: OPENAI_ENVELOPE_KEYS,
  anthropic: [
    CUSTOM_ID_KEY,
    {
      key: 'params',
      documentation: vscode.l10n.t('The Messages API request: model, max_tokens (required) and messages; system goes here, not in a message.'),
      value: (facts) => `{"model": ${facts.model ? snippetString(facts.model) : '"$2"'}, "max_tokens": \${3:1024}, "messages": [{"role": "user", "content": "$0"}]}`,
    },
  ],
  gemini: [
    {
      key: 'key',
      documentation: vscode.l10n.t('Your id for this request, unique in the file: its response comes back under the same key.'),
      value: freeIdSnippet,
    },
    {
      key: 'request',
      documentation: vscode.l10n.t('The generateContent request: contents (required), systemInstruction, generationConfig. The model is the batch\'s, set in the profile.'),
      value: () => '{"contents": [{"role": "user", "parts": [{"text": "$0"}]}]}',
    },
  ],
};

/** The endpoint whose schema completes the request member of a line in each format. */
const REQUEST_SCHEMA_ENDPOINT: Readonly<Record<Exclude<DialectName, 'openai'>, string>> = { anthropic: '/v1/messages', gemini: 'generateContent' };

function fileFacts(validator: BatchDocumentValidator, provider: ProviderLimitsName, line: number): FileFacts {
  const isTaken = (id: string) => validator.linesWithCustomId(id).length > 0;
  const byLine = `request-${line + 1}`;
  return {
    endpoints: acceptedEndpoints(provider) ?? OPENAI_BATCH_ENDPOINTS,
    endpoint: validator.fileEndpoint,
    model: validator.fileModel,
    freeCustomId: isTaken(byLine) ? nextFreeCustomId(byLine, isTaken) : byLine,
  };
}

function replaceRange(line: number, span: ReplaceSpan): vscode.Range {
  return new vscode.Range(line, span.start, line, span.end);
}

function keyItems(line: number, lineText: string, replace: ReplaceSpan, hasColon: boolean, facts: FileFacts, dialect: BatchDialect): vscode.CompletionItem[] {
  const present = new Set(topLevelKeys(lineText));
  return ENVELOPE_KEYS[dialect.name].filter(({ key }) => !present.has(key)).map((envelopeKey, index) => {
    const item = new vscode.CompletionItem(envelopeKey.key, vscode.CompletionItemKind.Property);
    const quotedKey = JSON.stringify(envelopeKey.key);
    item.insertText = new vscode.SnippetString(hasColon ? quotedKey : `${quotedKey}: ${envelopeKey.value(facts)}`);
    item.range = replaceRange(line, replace);
    item.filterText = replace.quoted ? quotedKey : envelopeKey.key;
    item.sortText = String(index);
    item.detail = vscode.l10n.t('Batch request key');
    item.documentation = new vscode.MarkdownString(envelopeKey.documentation);
    return item;
  });
}

function valueItems(line: number, key: string, replace: ReplaceSpan, facts: FileFacts): vscode.CompletionItem[] {
  const values =
    key === 'method' ? ['POST'] : key === 'url' ? [...new Set([...(facts.endpoint ? [facts.endpoint] : []), ...facts.endpoints])] : [];
  return values.map((value, index) => {
    const item = new vscode.CompletionItem(JSON.stringify(value), vscode.CompletionItemKind.Value);
    item.insertText = JSON.stringify(value);
    item.range = replaceRange(line, replace);
    item.filterText = replace.quoted ? JSON.stringify(value) : value;
    item.sortText = String(index);
    item.preselect = index === 0;
    if (key === 'url') {
      item.detail = value === facts.endpoint ? vscode.l10n.t("The file's endpoint") : vscode.l10n.t('Batch endpoint');
      const summary = describeEndpoint(value);
      if (summary) item.documentation = new vscode.MarkdownString(summary);
    }
    return item;
  });
}

/** A whole request line, for an empty line: the envelope with the file's endpoint and model filled in. */
function requestTemplateItem(facts: FileFacts, dialect: BatchDialect): vscode.CompletionItem {
  const item = new vscode.CompletionItem(vscode.l10n.t('batch request'), vscode.CompletionItemKind.Snippet);
  const envelope = ENVELOPE_KEYS[dialect.name];
  const keys = envelope.map((envelopeKey) => `${JSON.stringify(envelopeKey.key)}: ${envelopeKey.value(facts)}`);
  item.insertText = new vscode.SnippetString(`{${keys.join(', ')}}`);
  item.detail = envelope.map((envelopeKey) => envelopeKey.key).join(', ');
  item.documentation = new vscode.MarkdownString(vscode.l10n.t("A new request line using the file's endpoint and model."));
  return item;
}

/** A placeholder value for a key of this type, so accepting a key leaves the cursor where the value goes. */
function valueSnippet(type: string | undefined): string {
  switch (type) {
    case 'string':
      return '"$1"';
    case 'array':
      return '[$1]';
    case 'object':
      return '{$1}';
    default:
      return '$1';
  }
}

/** The string being typed at the cursor (quotes included), else an empty range at the cursor. */
function typedStringRange(line: number, character: number, node: Node | undefined): { range: vscode.Range; quoted: boolean } {
  if (node && node.type === 'string' && node.offset <= character && character <= node.offset + node.length) {
    return { range: new vscode.Range(line, node.offset, line, node.offset + node.length), quoted: true };
  }
  return { range: new vscode.Range(line, character, line, character), quoted: false };
}

/**
 * Completions inside `body`, from the endpoint's schema: the keys an object there may have, the enum
 * values of a member (a message's `role`, a content part's `type`), and for `model` the models the file
 * already uses.
 */
function bodyItems(position: vscode.Position, lineText: string, validator: BatchDocumentValidator, dialect: BatchDialect): vscode.CompletionItem[] {
  const location = getLocation(lineText, position.character);
  const [head, ...path] = location.path;
  // The request member: `body`, Anthropic's `params`, Gemini's `request`.
  if (head !== dialect.modelPath[0] || path.length === 0) return [];
  const url = dialect.name === 'openai' ? (validator.fileEndpoint ?? /"url"\s*:\s*"([^"]*)"/.exec(lineText)?.[1]) : REQUEST_SCHEMA_ENDPOINT[dialect.name];
  const { range, quoted } = typedStringRange(position.line, position.character, location.previousNode);
  if (location.isAtPropertyKey) {
    return bodyKeySuggestions(url, path.slice(0, -1)).map((suggestion, index) => {
      const quotedKey = JSON.stringify(suggestion.key);
      const item = new vscode.CompletionItem(suggestion.key, vscode.CompletionItemKind.Property);
      item.insertText = new vscode.SnippetString(`${quotedKey}: ${valueSnippet(suggestion.type)}`);
      item.range = range;
      item.filterText = quoted ? quotedKey : suggestion.key;
      item.sortText = String(index).padStart(3, '0');
      item.detail = `${suggestion.required ? vscode.l10n.t('Required') : vscode.l10n.t('Optional')}${suggestion.type ? ` ${suggestion.type}` : ''}`;
      return item;
    });
  }
  const values: unknown[] = path.length === 1 && path[0] === 'model' ? validator.modelsInFile() : bodyValueSuggestions(url, path);
  return values.map((value, index) => {
    const text = JSON.stringify(value);
    const item = new vscode.CompletionItem(text, vscode.CompletionItemKind.EnumMember);
    item.insertText = text;
    item.range = range;
    item.filterText = quoted ? text : String(value);
    item.sortText = String(index).padStart(3, '0');
    if (path[0] === 'model') item.detail = vscode.l10n.t('A model this file uses');
    return item;
  });
}

/** Completions for the request envelope's keys, the values of `url` and `method`, and inside `body`. */
class BatchCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly validation: OpenBatchDocumentValidation) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const validator = this.validation.validatorFor(document);
    if (!validator || this.validation.reportFor(document)?.kind === 'output') return [];
    const lineText = document.lineAt(position.line).text;
    const place = requestLinePlace(lineText, position.character);
    const facts = () => fileFacts(validator, this.validation.providerFor(document), position.line);
    const dialect = validator.fileDialect ?? openaiDialect;
    switch (place.kind) {
      case 'emptyLine':
        return [requestTemplateItem(facts(), dialect)];
      case 'key':
        return keyItems(position.line, lineText, place.replace, place.hasColon, facts(), dialect);
      case 'value':
        return dialect.name === 'openai' ? valueItems(position.line, place.key, place.replace, facts()) : [];
      default:
        return bodyItems(position, lineText, validator, dialect);
    }
  }
}

export function registerBatchCompletions(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation): void {
  context.subscriptions.push(
    vscode.languages.registerCompletionItemProvider(BATCH_DOCUMENT_SELECTOR, new BatchCompletionProvider(validation), '"'),
  );
}
