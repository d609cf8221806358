import * as vscode from 'vscode';
import { readResultJson } from '../../core/results';
import { markdownCodeBlock } from '../../core/text/markdownText';
import { locateCustomId } from '../../core/results/requestCustomId';
import { commandLink, describeResult, statusLabel, trustedMarkdown } from './resultPresentation';
import type { ResultsSessions } from './resultsSessions';
import { ALIGNED_RESULTS_SCHEME } from './resultsUris';
import { COMMANDS } from '../../core/contributionIds';

/** Longer bodies are cut in the hover; "Open Full Result" shows all of it. */
const MAX_JSON_IN_HOVER = 20_000;

/** On the aligned results: the full result line, read from disk only when hovered. */
class AlignedResultHover implements vscode.HoverProvider {
  constructor(private readonly sessions: ResultsSessions) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const session = this.sessions.sessionOf(document.uri);
    const result = session?.resultAtLine(position.line);
    if (!session || !result) return undefined;
    const args = [session.input.toString(), position.line];
    const markdown = trustedMarkdown();
    // Codes and ids come from files we do not control: appended as text, so Markdown in them stays inert.
    markdown.appendText(`${statusLabel(result)} · custom_id ${result.customId}`);
    markdown.appendMarkdown(` · ${commandLink('Go to Request', COMMANDS.goToRequest, args)}`);
    if (result.source) {
      markdown.appendMarkdown(` · ${commandLink('Open Full Result', COMMANDS.openFullResult, args)}\n\n`);
      const json = await readResultJson(result.source);
      const cut = json.length > MAX_JSON_IN_HOVER ? `${json.slice(0, MAX_JSON_IN_HOVER)}\n… (cut: Open Full Result shows all of it)` : json;
      markdown.appendMarkdown(markdownCodeBlock(cut, 'json'));
    } else {
      markdown.appendMarkdown('\n\n');
      markdown.appendText('No result line has this custom_id, in the output file or the error file.');
    }
    return new vscode.Hover(markdown, document.lineAt(position.line).range);
  }
}

/** On an input's `custom_id`: its result, when results are loaded. */
class RequestResultHover implements vscode.HoverProvider {
  constructor(private readonly sessions: ResultsSessions) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const session = this.sessions.sessionOf(document.uri);
    if (!session || session.input.toString() !== document.uri.toString()) return undefined;
    const located = locateCustomId(document.lineAt(position.line).text);
    if (!located || position.character < located.start || position.character > located.end) return undefined;
    const result = session.resultForCustomId(located.customId);
    if (!result) return undefined;
    const markdown = describeResult(result);
    const args = [session.input.toString(), result.line];
    markdown.appendMarkdown(`\n${commandLink('Go to Result', COMMANDS.goToResult, args)}`);
    if (result.source) markdown.appendMarkdown(` · ${commandLink('Open Full Result', COMMANDS.openFullResult, args)}`);
    return new vscode.Hover(markdown, new vscode.Range(position.line, located.start, position.line, located.end));
  }
}

export function registerResultHovers(sessions: ResultsSessions): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider({ scheme: ALIGNED_RESULTS_SCHEME }, new AlignedResultHover(sessions)),
    vscode.languages.registerHoverProvider({ scheme: 'file' }, new RequestResultHover(sessions)),
  );
}
