import * as l10n from '@vscode/l10n';
import { resolve } from 'node:path';
import { estimateBatchFile, estimateCost, type CostEstimate, type FileTokens } from '../estimate';
import { formatCount, formatMoney } from '../formatting';
import { limitsNameFor } from '../providers/capabilities';
import { fileModelFor, profileDialect, type Profile } from '../providers/profile';
import { dialectMismatch, LIMIT_CODES } from '../submit/submitBatchFile';
import { discountNameForProfile, loadPriceTable, type PriceTable } from '../results/priceTable';
import type { BatchDiagnostic, BatchFileReport } from '../validation';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_RUN_CONCURRENCY } from './directRun';
import { journalPathsFor, readJournal } from './runJournal';

/** What the user confirms before a direct run starts sending. */
export interface RunSummaryCheck {
  outcome: 'ready';
  file: string;
  endpoint: string;
  model?: string;
  requests: number;
  /** Answers the journal beside the input already holds: those requests are not sent again. */
  answeredBefore: number;
  tokens: FileTokens;
  /** At the profile's (synchronous) prices; unset when the model has no price. */
  cost?: CostEstimate;
}

export type RunCheck = { outcome: 'invalid'; file: string; report: BatchFileReport; errors: BatchDiagnostic[] } | RunSummaryCheck;

/** Validates and counts the file, and reads what an earlier run of it already answered; sends nothing. */
export async function checkRun(file: string, profile: Profile, prices?: PriceTable): Promise<RunCheck> {
  const path = resolve(file);
  const { report, tokens } = await estimateBatchFile(path, { provider: limitsNameFor(profile) });
  // Requests go one at a time: a Batch API's limits on a file (Anthropic's 100,000 requests) do not apply.
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && !LIMIT_CODES.has(diagnostic.code));
  const dialect = report.dialect ?? 'openai';
  if (errors.length === 0 && report.requests > 0 && dialect !== profileDialect(profile)) errors.push(dialectMismatch(dialect, profile.name, profileDialect(profile)));
  if (errors.length > 0 || report.endpoint === undefined || report.requests === 0) return { outcome: 'invalid', file: path, report, errors };
  // Gemini lines name no model: the run sends them all to the profile's.
  const model = fileModelFor(report, profile);
  const journal = await readJournal(journalPathsFor(path));
  const table = prices ?? (await loadPriceTable().catch(() => undefined));
  const cost = table && estimateCost(tokens, model, table, discountNameForProfile(profile));
  return {
    outcome: 'ready',
    file: path,
    endpoint: report.endpoint,
    ...(model ? { model } : {}),
    requests: report.requests,
    answeredBefore: Math.min(report.requests, journal.answers.size),
    tokens,
    ...(cost ? { cost } : {}),
  };
}

/** The body of the run confirmation: where the requests go, how fast, what they may cost, where answers land. */
export function runConfirmationDetail(check: RunSummaryCheck, profile: Profile): string {
  const how = check.tokens.exact ? l10n.t('exact') : l10n.t('approximate');
  const pace = [
    l10n.t('{0} at once', profile.concurrency ?? DEFAULT_RUN_CONCURRENCY),
    profile.rpm ? l10n.t('{0} requests/min', formatCount(profile.rpm)) : undefined,
    profile.tpm ? l10n.t('{0} tokens/min', formatCount(profile.tpm)) : undefined,
    l10n.t('{0} attempts each', profile.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
  ].filter(Boolean);
  const requests = check.answeredBefore
    ? l10n.t('Requests: {0} ({1} answered by an earlier run: not sent again)', formatCount(check.requests), formatCount(check.answeredBefore))
    : l10n.t('Requests: {0}', formatCount(check.requests));
  const cost = check.cost
    ? l10n.t(
        'Estimated cost: {0} ({1}; {2} prices, {3}), for the whole file',
        formatMoney(check.cost.batch, check.cost.currency),
        check.tokens.unboundedRequests ? l10n.t('a floor') : l10n.t('at most'),
        check.cost.priceName,
        check.cost.discountLabel,
      )
    : l10n.t('Estimated cost: not priced (the model is not in the price table)');
  const lines = [
    l10n.t('Profile: {0} ({1}), one synchronous request per line, sent from this machine', profile.name, profile.baseUrl),
    l10n.t('Endpoint: {0}', check.endpoint),
    l10n.t('Model: {0}', check.model ?? l10n.t('as each line says')),
    requests,
    l10n.t('Pace: {0}', pace.join(', ')),
    ...(profile.schedule ? [l10n.t('Schedule: nothing is sent {0} ({1})', profile.schedule.avoid.join(', '), profile.schedule.timeZone)] : []),
    l10n.t('Tokens: {0} input ({1}), at most {2} output', formatCount(check.tokens.inputTokens), how, formatCount(check.tokens.outputTokensMax)),
    cost,
    l10n.t('Answers are written beside the input as they arrive; Pause, Resume and Cancel are on the job in the Jobs view.'),
  ];
  return lines.join('\n');
}
