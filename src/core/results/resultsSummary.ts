import * as l10n from '@vscode/l10n';
import type { Job } from '../jobs/job';
import type { ResultStatus, ResultsJoin } from './joinResults';
import { findModelPrice, PriceTableError, timeOfDayRateAt, type BatchDiscount, type ModelPrice, type PriceTable } from './priceTable';
import { addUsage, emptyUsage, type TokenUsage } from './tokenUsage';

/**
 * The job's timestamps (Unix seconds) that bound its run, the run time the provider reports
 * (`processingTimeSeconds`, the seed's `processing_time`) and the estimate made at submission; any may be absent.
 */
export type JobTimes = Partial<Pick<Job, 'createdAt' | 'inProgressAt' | 'completedAt' | 'failedAt' | 'expiredAt' | 'cancelledAt' | 'processingTimeSeconds' | 'estimatedInputTokens' | 'estimatedOutputTokensMax'>>;

/** The estimate made at submission beside what the run used. */
export interface EstimateComparison {
  estimatedInputTokens: number;
  estimatedOutputTokensMax: number;
  usedPromptTokens: number;
  usedCompletionTokens: number;
}

/** Succeeded requests whose total tokens fall in `from..to` (inclusive). */
export interface TokenHistogramBin {
  from: number;
  to: number;
  count: number;
}

export interface SummaryOptions {
  /** The job the results belong to: its timestamps give the duration and throughput. */
  job?: JobTimes;
  /** Prices for the cost; without them there is no `cost`. */
  prices?: PriceTable;
  /** Which of `prices.discounts` applies (see `discountNameForProfile`). Default `batch`. */
  discount?: string;
}

/** What one model's results cost. */
export interface ModelCost {
  /** The model as the results name it, e.g. `gpt-4o-2024-08-06`. */
  model: string;
  /** The price table entry used, e.g. `gpt-4o`. */
  priceName: string;
  requests: number;
  usage: TokenUsage;
  synchronous: number;
  batch: number;
  /** Requests priced at a time-of-day rate (sent in a provider's peak hours). */
  timeOfDayRequests: number;
}

export interface CostSummary {
  currency: string;
  discount: BatchDiscount & { name: string };
  /** What the priced results would have cost as synchronous requests. */
  synchronous: number;
  /** What they cost at the batch discount. */
  batch: number;
  saving: number;
  byModel: ModelCost[];
  /** Models with results but no price (their tokens are not in the cost). */
  unpricedModels: string[];
}

export interface ResultsSummary {
  /** Request lines in the input. */
  total: number;
  /** `succeeded / total` (0..1); undefined for an empty input. */
  successRate: number | undefined;
  byStatus: Record<ResultStatus, number>;
  /** Failures per error code (`batch_expired`, `invalid_request_error`, `500`…), most frequent first. */
  byErrorCode: Array<{ code: string; count: number }>;
  completeness: Pick<ResultsJoin, 'missing' | 'duplicates' | 'unknown'>;
  usage: TokenUsage;
  /** Mean tokens of a succeeded request; undefined when none succeeded. */
  averageTokensPerRequest: { prompt: number; completion: number; total: number } | undefined;
  /** From the job's start (`inProgressAt`, else `createdAt`) to its end; undefined without them. */
  durationSeconds: number | undefined;
  /** Requests with a result (succeeded or failed) and their tokens, per second of `durationSeconds`. */
  throughput: { requestsPerSecond: number; tokensPerSecond: number } | undefined;
  cost: CostSummary | undefined;
  /** Set when the job kept the estimate made before it was submitted. */
  estimate?: EstimateComparison;
  /** Total tokens per succeeded request, in at most 10 equal bins; empty when none succeeded. */
  tokenHistogram: TokenHistogramBin[];
}

const HISTOGRAM_BINS = 10;

/** Equal bins of a round width (1, 2 or 5 times a power of ten) from the smallest to the largest value. */
function histogramOf(values: readonly number[]): TokenHistogramBin[] {
  if (!values.length) return [];
  let min = Infinity;
  let max = -Infinity;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const rough = Math.max(1, (max - min + 1) / HISTOGRAM_BINS);
  const power = 10 ** Math.floor(Math.log10(rough));
  const width = [1, 2, 5, 10].map((step) => step * power).find((step) => step >= rough)!;
  const start = Math.floor(min / width) * width;
  const bins: TokenHistogramBin[] = [];
  for (let from = start; from <= max; from += width) bins.push({ from, to: from + width - 1, count: 0 });
  for (const value of values) bins[Math.min(bins.length - 1, Math.floor((value - start) / width))].count++;
  return bins;
}

/** The provider's own run time when it gives one, else from the job's start (`inProgressAt`, else `createdAt`) to its end. */
function durationOf(job: JobTimes | undefined): number | undefined {
  if (!job) return undefined;
  if (job.processingTimeSeconds !== undefined && job.processingTimeSeconds > 0) return job.processingTimeSeconds;
  const start = job.inProgressAt ?? job.createdAt;
  const end = job.completedAt ?? job.expiredAt ?? job.cancelledAt ?? job.failedAt;
  return start !== undefined && end !== undefined && end > start ? end - start : undefined;
}

function priceOf(usage: TokenUsage, price: ModelPrice): number {
  const uncached = Math.max(0, usage.prompt - usage.cached);
  const cachedPrice = price.cachedInput ?? price.input;
  return (uncached * price.input + usage.cached * cachedPrice + usage.completion * price.output) / 1_000_000;
}

interface ModelTally {
  requests: number;
  usage: TokenUsage;
  /** Each result with its send time, to price at the rate in force then. */
  priced: Array<{ usage: TokenUsage; sentAt?: number }>;
}

function costOf(usageByModel: Map<string, ModelTally>, prices: PriceTable, discountName: string): CostSummary {
  const discount = prices.discounts[discountName];
  if (!discount) {
    throw new PriceTableError(l10n.t('no discount named "{0}" in the price table (it has: {1})', discountName, Object.keys(prices.discounts).join(', ')));
  }
  const byModel: ModelCost[] = [];
  const unpricedModels: string[] = [];
  for (const [model, { requests, usage, priced }] of usageByModel) {
    const found = findModelPrice(prices, model);
    if (!found) {
      unpricedModels.push(model);
      continue;
    }
    let synchronous = 0;
    let timeOfDayRequests = 0;
    for (const result of priced) {
      const rate = timeOfDayRateAt(prices, found.name, result.sentAt);
      if (rate) timeOfDayRequests++;
      synchronous += priceOf(result.usage, found.price) * (rate?.multiplier ?? 1);
    }
    byModel.push({ model, priceName: found.name, requests, usage, synchronous, batch: synchronous * (1 - discount.rate), timeOfDayRequests });
  }
  const synchronous = byModel.reduce((sum, entry) => sum + entry.synchronous, 0);
  const batch = byModel.reduce((sum, entry) => sum + entry.batch, 0);
  return { currency: prices.currency, discount: { name: discountName, ...discount }, synchronous, batch, saving: synchronous - batch, byModel, unpricedModels };
}

/**
 * Success rate, counts by status and error code, tokens, duration, throughput and (given prices) cost
 * against synchronous prices. Throws `PriceTableError` when `discount` is not in the table.
 */
export function summarizeResults(join: ResultsJoin, options: SummaryOptions = {}): ResultsSummary {
  const byStatus: Record<ResultStatus, number> = { succeeded: 0, failed: 0, missing: 0 };
  const errorCounts = new Map<string, number>();
  const usageByModel = new Map<string, ModelTally>();
  const usage = emptyUsage();
  const succeededUsage = emptyUsage();
  const succeededTokens: number[] = [];
  for (const result of join.results) {
    byStatus[result.status]++;
    if (result.status === 'missing') continue;
    addUsage(usage, result.usage);
    if (result.status === 'succeeded') {
      addUsage(succeededUsage, result.usage);
      succeededTokens.push(result.usage.total);
    }
    if (result.errorCode !== undefined) errorCounts.set(result.errorCode, (errorCounts.get(result.errorCode) ?? 0) + 1);
    if (result.model !== undefined) {
      const entry = usageByModel.get(result.model) ?? { requests: 0, usage: emptyUsage(), priced: [] };
      entry.requests++;
      addUsage(entry.usage, result.usage);
      entry.priced.push({ usage: result.usage, sentAt: result.sentAt });
      usageByModel.set(result.model, entry);
    }
  }
  const answered = byStatus.succeeded + byStatus.failed;
  const estimated = options.job?.estimatedInputTokens;
  const estimate = estimated === undefined ? undefined : { estimatedInputTokens: estimated, estimatedOutputTokensMax: options.job?.estimatedOutputTokensMax ?? 0, usedPromptTokens: usage.prompt, usedCompletionTokens: usage.completion };
  const durationSeconds = durationOf(options.job);
  const succeeded = byStatus.succeeded;
  return {
    total: join.total,
    successRate: join.total ? succeeded / join.total : undefined,
    byStatus,
    byErrorCode: [...errorCounts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code)),
    completeness: { missing: join.missing, duplicates: join.duplicates, unknown: join.unknown },
    usage,
    averageTokensPerRequest: succeeded
      ? { prompt: succeededUsage.prompt / succeeded, completion: succeededUsage.completion / succeeded, total: succeededUsage.total / succeeded }
      : undefined,
    durationSeconds,
    throughput: durationSeconds ? { requestsPerSecond: answered / durationSeconds, tokensPerSecond: usage.total / durationSeconds } : undefined,
    cost: options.prices ? costOf(usageByModel, options.prices, options.discount ?? 'batch') : undefined,
    ...(estimate ? { estimate } : {}),
    tokenHistogram: histogramOf(succeededTokens),
  };
}
