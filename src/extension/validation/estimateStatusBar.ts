import * as vscode from 'vscode';
import { estimateCost, type FileTokens } from '../../core/estimate';
import { formatCount, formatMoney } from '../../core/formatting';
import { fileModelFor } from '../../core/providers/profile';
import { loadPriceTable, type PriceTable } from '../../core/results';
import { isBatchDocument } from './batchLanguage';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';

/** The status bar text for a file's estimate: its input tokens and what it may cost at the Batch API price. */
export function describeEstimate(tokens: FileTokens, model: string | undefined, prices: PriceTable | undefined): { text: string; tooltip: string } {
  const cost = prices && estimateCost(tokens, model, prices, 'batch');
  const approx = tokens.exact ? '' : '≈';
  const text = `$(symbol-numeric) ${approx}${vscode.l10n.t('{0} tokens', formatCount(tokens.inputTokens))}${cost ? ` · ≤ ${formatMoney(cost.batch, cost.currency)}` : ''}`;
  const how = tokens.exact ? vscode.l10n.t('exact') : tokens.notCounted.length ? vscode.l10n.t('approximate; not counted: {0}', tokens.notCounted.join(', ')) : vscode.l10n.t('approximate');
  const lines = [
    vscode.l10n.t('Input: {0} tokens ({1})', formatCount(tokens.inputTokens), how),
    tokens.unboundedRequests
      ? vscode.l10n.t('Output: at most {0} tokens; {1} requests set no max_tokens (unbounded)', formatCount(tokens.outputTokensMax), formatCount(tokens.unboundedRequests))
      : vscode.l10n.t('Output: at most {0} tokens', formatCount(tokens.outputTokensMax)),
  ];
  if (cost) lines.push(vscode.l10n.t('Cost: {0} at batch price, {1} synchronous ({2} prices; an estimate, not a bill)', formatMoney(cost.batch, cost.currency), formatMoney(cost.sync, cost.currency), cost.priceName));
  else lines.push(vscode.l10n.t('Cost: not priced ({0} is not in the price table)', model ?? vscode.l10n.t('the model')));
  if (tokens.sharedPrefix) {
    const saving = cost?.cachingSaving !== undefined ? vscode.l10n.t('; caching could save about {0}', formatMoney(cost.cachingSaving, cost.currency)) : '';
    lines.push(vscode.l10n.t('Shared prompt prefix: {0} requests, {1} tokens{2}', formatCount(tokens.sharedPrefix.requests), formatCount(tokens.sharedPrefix.tokens), saving));
  }
  return { text, tooltip: lines.join('\n') };
}

/** Shows the active batch file's token count and estimated cost, updated as its lines are re-counted. */
export function registerEstimateStatusBar(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation, log: vscode.LogOutputChannel): void {
  const item = vscode.window.createStatusBarItem('batchStudio.estimate', vscode.StatusBarAlignment.Left, 49);
  item.name = `Batch Studio: ${vscode.l10n.t('Tokens and Cost')}`;
  let prices: PriceTable | undefined;

  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const tokens = document && isBatchDocument(document) ? validation.estimateFor(document) : undefined;
    if (!document || !tokens) {
      item.hide();
      return;
    }
    const report = validation.reportFor(document);
    // Gemini lines name no model: priced at the default one a profile runs them on (the tooltip names it).
    const { text, tooltip } = describeEstimate(tokens, report && fileModelFor(report, {}), prices);
    item.text = text;
    item.tooltip = tooltip;
    item.show();
  };

  loadPriceTable().then(
    (table) => {
      prices = table;
      refresh();
    },
    (error: unknown) => log.warn(`The shipped price table cannot be read, so the status bar shows no cost: ${error instanceof Error ? error.message : String(error)}`),
  );
  context.subscriptions.push(
    item,
    vscode.window.onDidChangeActiveTextEditor(refresh),
    validation.onDidChangeEstimate((document) => {
      if (document === vscode.window.activeTextEditor?.document) refresh();
    }),
    validation.onDidChangeReport((document) => {
      if (document === vscode.window.activeTextEditor?.document) refresh();
    }),
  );
  refresh();
}
