import * as vscode from 'vscode';
import { estimateCost, type FileTokens } from '../../core/estimate';
import { formatCount, formatCountOf, formatMoney } from '../../core/formatting';
import { loadPriceTable, type PriceTable } from '../../core/results';
import { isBatchDocument } from './batchLanguage';
import type { OpenBatchDocumentValidation } from './openBatchDocumentValidation';

/** The status bar text for a file's estimate: its input tokens and what it may cost at the Batch API price. */
export function describeEstimate(tokens: FileTokens, model: string | undefined, prices: PriceTable | undefined): { text: string; tooltip: string } {
  const cost = prices && estimateCost(tokens, model, prices, 'batch');
  const approx = tokens.exact ? '' : '≈';
  const text = `$(symbol-numeric) ${approx}${formatCount(tokens.inputTokens)} tokens${cost ? ` · ≤ ${formatMoney(cost.batch, cost.currency)}` : ''}`;
  const lines = [
    `Input: ${formatCount(tokens.inputTokens)} tokens${tokens.exact ? ' (exact)' : ` (approximate${tokens.notCounted.length ? `; not counted: ${tokens.notCounted.join(', ')}` : ''})`}`,
    `Output: at most ${formatCount(tokens.outputTokensMax)} tokens${tokens.unboundedRequests ? `; ${formatCountOf(tokens.unboundedRequests, 'request')} set no max_tokens (unbounded)` : ''}`,
  ];
  if (cost) lines.push(`Cost: ${formatMoney(cost.batch, cost.currency)} at batch price, ${formatMoney(cost.sync, cost.currency)} synchronous (${cost.priceName} prices; an estimate, not a bill)`);
  else lines.push(`Cost: not priced (${model ?? 'the model'} is not in the price table)`);
  if (tokens.sharedPrefix) {
    const saving = cost?.cachingSaving !== undefined ? `; caching could save about ${formatMoney(cost.cachingSaving, cost.currency)}` : '';
    lines.push(`Shared prompt prefix: ${formatCountOf(tokens.sharedPrefix.requests, 'request')}, ${formatCount(tokens.sharedPrefix.tokens)} tokens${saving}`);
  }
  return { text, tooltip: lines.join('\n') };
}

/** Shows the active batch file's token count and estimated cost, updated as its lines are re-counted. */
export function registerEstimateStatusBar(context: vscode.ExtensionContext, validation: OpenBatchDocumentValidation, log: vscode.LogOutputChannel): void {
  const item = vscode.window.createStatusBarItem('batchStudio.estimate', vscode.StatusBarAlignment.Left, 49);
  item.name = 'Batch Studio: Tokens and Cost';
  let prices: PriceTable | undefined;

  const refresh = (): void => {
    const document = vscode.window.activeTextEditor?.document;
    const tokens = document && isBatchDocument(document) ? validation.estimateFor(document) : undefined;
    if (!document || !tokens) {
      item.hide();
      return;
    }
    const { text, tooltip } = describeEstimate(tokens, validation.reportFor(document)?.model, prices);
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
