import * as vscode from 'vscode';
import { formatCount } from '../../core/formatting';
import { COMMANDS } from '../../core/contributionIds';
import type { JoinedResult } from '../../core/results';
import { markdownCodeBlock } from '../../core/text/markdownText';

const MAX_TEXT_IN_HOVER = 2000;

/** `✓ 1,234 tokens`, `✗ 400 invalid_request_error`, `∅ missing`: a request's status in a few characters. */
export function statusLabel(result: JoinedResult): string {
  if (result.status === 'missing') return `∅ ${vscode.l10n.t('missing')}`;
  if (result.status === 'failed') return `✗ ${[result.statusCode, result.errorCode].filter((part) => part !== undefined).join(' ')}`;
  return `✓ ${result.usage.total === 1 ? vscode.l10n.t('1 token') : vscode.l10n.t('{0} tokens', formatCount(result.usage.total))}`;
}

/** A `command:` link for a trusted hover. */
export function commandLink(title: string, command: string, args: unknown[]): string {
  return `[${title}](command:${command}?${encodeURIComponent(JSON.stringify(args))})`;
}

/** Hovers may run these commands, and no other. */
export const HOVER_COMMANDS = [COMMANDS.openFullResult, COMMANDS.goToResult, COMMANDS.goToRequest];

export function trustedMarkdown(): vscode.MarkdownString {
  const markdown = new vscode.MarkdownString();
  markdown.isTrusted = { enabledCommands: HOVER_COMMANDS };
  return markdown;
}

/** Status, tokens and the answer (or error) of one request, for the hover on its `custom_id`. */
export function describeResult(result: JoinedResult): vscode.MarkdownString {
  const markdown = trustedMarkdown();
  const { usage } = result;
  // Codes and models come from files we do not control: appended as text, so Markdown in them stays inert.
  markdown.appendText(statusLabel(result));
  if (result.status !== 'missing') {
    markdown.appendText(` · ${formatCount(usage.prompt)} prompt, ${formatCount(usage.completion)} completion tokens`);
    if (result.model) markdown.appendText(` · ${result.model}`);
  }
  markdown.appendMarkdown('\n\n');
  if (result.status === 'missing') markdown.appendText('No result line has this custom_id, in the output file or the error file.');
  else {
    const text = result.text.length > MAX_TEXT_IN_HOVER ? `${result.text.slice(0, MAX_TEXT_IN_HOVER - 1)}…` : result.text;
    markdown.appendMarkdown(markdownCodeBlock(text, 'text'));
  }
  return markdown;
}
