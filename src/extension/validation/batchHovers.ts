import * as vscode from 'vscode';
import { markdownCode } from '../../core/text/markdownText';
import type { RequestTokens } from '../../core/estimate';
import { formatCount } from '../../core/formatting';
import { acceptedEndpoints, type BatchDocumentValidator, type MemberSpan } from '../../core/validation';
import type { ProviderLimitsName } from '../../core/validation/types';
import { BATCH_DOCUMENT_SELECTOR } from './batchLanguage';
import { describeEndpoint } from '../../core/validation/endpointSummaries';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';

const MAX_LINES_LISTED = 20;

function memberRange(line: number, member: MemberSpan | undefined, position: vscode.Position): vscode.Range | undefined {
  if (!member) return undefined;
  const range = new vscode.Range(line, member.keyColumn, line, member.valueEndColumn);
  return range.contains(position) ? range : undefined;
}

/** Links to the lines (1-based, as the editor shows them) where the id is used. */
function lineLinks(document: vscode.TextDocument, lines: readonly number[]): string {
  const links = lines
    .slice(0, MAX_LINES_LISTED)
    .map((line) => `[${line + 1}](${document.uri.with({ fragment: `L${line + 1}` }).toString()})`);
  return links.join(', ') + (lines.length > MAX_LINES_LISTED ? vscode.l10n.t(', and {0} more', lines.length - MAX_LINES_LISTED) : '');
}

function customIdHover(
  document: vscode.TextDocument,
  validator: BatchDocumentValidator,
  line: number,
  id: string,
  isResults: boolean,
): vscode.MarkdownString {
  const lines = validator.linesWithCustomId(id);
  const others = lines.filter((other) => other !== line);
  const markdown = new vscode.MarkdownString(`**custom_id** ${markdownCode(JSON.stringify(id))}\n\n`);
  if (others.length > 0) {
    const rule = isResults ? vscode.l10n.t('one request has more than one result line') : vscode.l10n.t('every custom_id must be unique in a batch file');
    markdown.appendMarkdown(others.length === 1 ? vscode.l10n.t('Also used on line {0}: {1}.', lineLinks(document, others), rule) : vscode.l10n.t('Also used on lines {0}: {1}.', lineLinks(document, others), rule));
  } else {
    markdown.appendMarkdown(
      isResults
        ? vscode.l10n.t('Unique in this file: the result of the input request with this custom_id.')
        : vscode.l10n.t('Unique in this file: the result for this request comes back under this id.'),
    );
  }
  return markdown;
}

function urlHover(url: unknown, provider: ProviderLimitsName, fileEndpoint: string | undefined): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  const text = typeof url === 'string' ? url : JSON.stringify(url);
  const accepted = acceptedEndpoints(provider);
  if (typeof url !== 'string' || (accepted && !accepted.includes(url))) {
    markdown.appendMarkdown(vscode.l10n.t('{0} is not a batch endpoint {1} accepts.', markdownCode(text), provider));
    if (accepted) markdown.appendMarkdown(` ${vscode.l10n.t('Accepted: {0}.', accepted.map((endpoint) => markdownCode(endpoint)).join(', '))}`);
    return markdown;
  }
  markdown.appendMarkdown(describeEndpoint(url) ?? vscode.l10n.t('{0}: an endpoint of your {1} batch server.', markdownCode(url), provider));
  if (fileEndpoint && fileEndpoint !== url) markdown.appendMarkdown(`\n\n${vscode.l10n.t("The file's endpoint is {0}: one endpoint per file.", markdownCode(fileEndpoint))}`);
  return markdown;
}

/** A request's tokens: input (exact or not, and what is left out) and its output bound. */
export function tokensHover(tokens: RequestTokens): vscode.MarkdownString {
  const how = tokens.exact ? vscode.l10n.t('exact') : tokens.notCounted.length ? vscode.l10n.t('approximate; not counted: {0}', tokens.notCounted.join(', ')) : vscode.l10n.t('approximate');
  const output = tokens.outputBound === undefined ? vscode.l10n.t('output unbounded (no max_tokens)') : vscode.l10n.t('at most {0} output', formatCount(tokens.outputBound));
  return new vscode.MarkdownString(`**${vscode.l10n.t('Tokens')}** ${vscode.l10n.t('{0} input ({1})', formatCount(tokens.input), how)} · ${output}`);
}

/** Hovers on `custom_id` (where else the id is used), on `url` (what the endpoint's body takes), elsewhere on a request: its tokens. */
class BatchHoverProvider implements vscode.HoverProvider {
  constructor(private readonly validation: OpenBatchDocumentValidation) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const validator = this.validation.validatorFor(document);
    const info = validator?.lineInfo(position.line);
    if (!validator || !info || info.shape !== 'object') return undefined;
    const request = info.value as Record<string, unknown>;
    const isResults = this.validation.reportFor(document)?.kind === 'output';
    const customIdRange = memberRange(position.line, info.customId, position);
    if (customIdRange && typeof request.custom_id === 'string') {
      return new vscode.Hover(customIdHover(document, validator, position.line, request.custom_id, isResults), customIdRange);
    }
    const urlRange = memberRange(position.line, info.url, position);
    if (urlRange && !isResults) {
      return new vscode.Hover(urlHover(request.url, this.validation.providerFor(document), validator.fileEndpoint), urlRange);
    }
    const tokens = isResults ? undefined : this.validation.lineTokens(document, position.line);
    return tokens && new vscode.Hover(tokensHover(tokens), document.lineAt(position.line).range);
  }
}

export function registerBatchHovers(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation): void {
  context.subscriptions.push(vscode.languages.registerHoverProvider(BATCH_DOCUMENT_SELECTOR, new BatchHoverProvider(validation)));
}
