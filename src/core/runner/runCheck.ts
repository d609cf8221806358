import { resolve } from 'node:path';
import { estimateBatchFile, estimateCost, type CostEstimate, type FileTokens } from '../estimate';
import { formatCount, formatMoney } from '../formatting';
import { limitsNameFor } from '../providers/capabilities';
import type { Profile } from '../providers/profile';
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
  const errors = report.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0 || report.endpoint === undefined || report.requests === 0) return { outcome: 'invalid', file: path, report, errors };
  const journal = await readJournal(journalPathsFor(path));
  const table = prices ?? (await loadPriceTable().catch(() => undefined));
  const cost = table && estimateCost(tokens, report.model, table, discountNameForProfile(profile));
  return {
    outcome: 'ready',
    file: path,
    endpoint: report.endpoint,
    ...(report.model ? { model: report.model } : {}),
    requests: report.requests,
    answeredBefore: Math.min(report.requests, journal.answers.size),
    tokens,
    ...(cost ? { cost } : {}),
  };
}

/** The body of the run confirmation: where the requests go, how fast, what they may cost, where answers land. */
export function runConfirmationDetail(check: RunSummaryCheck, profile: Profile): string {
  const how = check.tokens.exact ? 'exact' : 'approximate';
  const pace = [
    `${profile.concurrency ?? DEFAULT_RUN_CONCURRENCY} at once`,
    profile.rpm ? `${formatCount(profile.rpm)} requests/min` : undefined,
    profile.tpm ? `${formatCount(profile.tpm)} tokens/min` : undefined,
    `${profile.maxAttempts ?? DEFAULT_MAX_ATTEMPTS} attempts each`,
  ].filter(Boolean);
  const lines = [
    `Profile: ${profile.name} (${profile.baseUrl}), one synchronous request per line, sent from this machine`,
    `Endpoint: ${check.endpoint}`,
    `Model: ${check.model ?? 'as each line says'}`,
    `Requests: ${formatCount(check.requests)}${check.answeredBefore ? ` (${formatCount(check.answeredBefore)} answered by an earlier run: not sent again)` : ''}`,
    `Pace: ${pace.join(', ')}`,
    `Tokens: ${formatCount(check.tokens.inputTokens)} input (${how}), at most ${formatCount(check.tokens.outputTokensMax)} output`,
    check.cost
      ? `Estimated cost: ${formatMoney(check.cost.batch, check.cost.currency)} (${check.tokens.unboundedRequests ? 'a floor' : 'at most'}; ${check.cost.priceName} prices, ${check.cost.discountLabel}), for the whole file`
      : 'Estimated cost: not priced (the model is not in the price table)',
    'Answers are written beside the input as they arrive; Pause, Resume and Cancel are on the job in the Jobs view.',
  ];
  if (profile.schedule) lines.splice(5, 0, `Schedule: nothing is sent ${profile.schedule.avoid.join(', ')} (${profile.schedule.timeZone})`);
  return lines.join('\n');
}
