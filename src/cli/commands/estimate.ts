import * as l10n from '@vscode/l10n';
import type { Command } from 'commander';
import { estimateBatchFile, estimateCost, queueHeadroom, type CostEstimate, type FileEstimate, type QueueHeadroom } from '../../core/estimate';
import { formatCount, formatMoney } from '../../core/formatting';
import { discountNameForProfile, loadPriceTable, PriceTableError, type PriceTable } from '../../core/results';
import { fileModelFor } from '../../core/providers';
import { DiagnosticCodes } from '../../core/validation';
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE } from '../exitCodes';
import { addConnectionOptions, resolveProfile, cliJobStore, type ConnectionFlags } from './submit';

interface EstimateFlags extends ConnectionFlags {
  prices?: string;
}

interface EstimatedFile {
  path: string;
  estimate: FileEstimate;
  /** What the requests run on: the lines' model, or the profile's for Gemini lines (which name none). */
  model: string | undefined;
  cost: CostEstimate | undefined;
  headroom: QueueHeadroom;
}

/** The JSON contract of `batch-studio estimate`. */
function formatJson(files: EstimatedFile[]): string {
  return `${JSON.stringify({
    files: files.map(({ path, estimate: { report, tokens, contextErrors }, model, cost, headroom }) => ({
      path,
      model: model ?? null,
      endpoint: report.endpoint ?? null,
      requests: report.requests,
      input_tokens: tokens.inputTokens,
      output_tokens_max: tokens.outputTokensMax,
      unbounded_requests: tokens.unboundedRequests,
      exact: tokens.exact,
      not_counted: tokens.notCounted,
      shared_prefix: tokens.sharedPrefix ? { requests: tokens.sharedPrefix.requests, tokens: tokens.sharedPrefix.tokens, caching_saving: cost?.cachingSaving ?? null } : null,
      cost: cost ? { currency: cost.currency, batch: cost.batch, sync: cost.sync } : null,
      enqueued: { limit: headroom.limit ?? null, active: headroom.active, fits: headroom.fits },
      context_errors: contextErrors,
    })),
  }, null, 2)}\n`;
}

function formatText(files: EstimatedFile[]): string {
  const out: string[] = [];
  for (const { path, estimate: { report, tokens }, model, cost, headroom } of files) {
    out.push(`${path}: ${[requestCount(report.requests), model, report.endpoint].filter(Boolean).join(' · ')}`);
    const how = tokens.exact ? l10n.t('exact') : tokens.notCounted.length ? l10n.t('approximate; not counted: {0}', tokens.notCounted.join(', ')) : l10n.t('approximate');
    out.push(`  ${l10n.t('input tokens: {0} ({1})', formatCount(tokens.inputTokens), how)}`);
    const bound = l10n.t('output tokens: at most {0}', formatCount(tokens.outputTokensMax));
    out.push(`  ${tokens.unboundedRequests ? l10n.t('{0} ({1} set no max_tokens: their output is unbounded)', bound, requestCount(tokens.unboundedRequests)) : bound}`);
    if (cost) {
      const batch = formatMoney(cost.batch, cost.currency);
      const sync = formatMoney(cost.sync, cost.currency);
      out.push(`  ${tokens.unboundedRequests ? l10n.t('cost: {0} at batch price, {1} synchronous (more: some output is unbounded; {2} prices)', batch, sync, cost.priceName) : l10n.t('cost: {0} at batch price, {1} synchronous (at most; {2} prices)', batch, sync, cost.priceName)}`);
    } else out.push(`  ${model ? l10n.t('cost: not priced (no entry for {0} in the price table)', model) : l10n.t('cost: not priced (no entry for the model in the price table)')}`);
    if (tokens.sharedPrefix) {
      const shared = l10n.t('shared prefix: {0} share {1} prompt tokens', requestCount(tokens.sharedPrefix.requests), formatCount(tokens.sharedPrefix.tokens));
      out.push(`  ${cost?.cachingSaving !== undefined ? l10n.t('{0}; prompt caching could save about {1}', shared, formatMoney(cost.cachingSaving, cost.currency)) : shared}`);
    }
    if (headroom.limit === undefined) out.push(`  ${l10n.t('queue: no enqueued-token limit known for this profile and model (set enqueuedTokenLimit on the profile)')}`);
    else {
      const queued = l10n.t("queue: {0} enqueued by this machine's active jobs + {1} of {2} ({3})", formatCount(headroom.active), formatCount(tokens.inputTokens), formatCount(headroom.limit), headroom.limitSource ?? '');
      const uncounted = headroom.activeJobsUncounted === 1 ? l10n.t('{0}, 1 active job not counted', queued) : headroom.activeJobsUncounted ? l10n.t('{0}, {1} active jobs not counted', queued, formatCount(headroom.activeJobsUncounted)) : queued;
      out.push(`  ${headroom.fits ? l10n.t('{0}: fits', uncounted) : l10n.t('{0}: does not fit; split it or wait for active jobs to finish', uncounted)}`);
    }
    for (const d of report.diagnostics) {
      if (d.code === DiagnosticCodes.contextLengthExceeded) out.push(`${path}:${d.line + 1}:${d.column + 1}: ${d.severity} ${d.code}: ${d.message}`);
    }
  }
  return `${out.join('\n')}\n`;
}

function describeReadError(error: unknown): string {
  if (error instanceof PriceTableError) return error.message;
  const { code, path } = (error ?? {}) as NodeJS.ErrnoException;
  const reason = code === 'ENOENT' ? l10n.t('no such file') : code === 'EISDIR' ? l10n.t('is a directory') : code === 'EACCES' || code === 'EPERM' ? l10n.t('permission denied') : undefined;
  if (!reason) return error instanceof Error ? error.message : String(error);
  return path ? l10n.t('cannot read {0}: {1}', path, reason) : l10n.t('cannot read a file: {0}', reason);
}

/** "1 request", "1,204 requests". */
function requestCount(count: number): string {
  return count === 1 ? l10n.t('1 request') : l10n.t('{0} requests', formatCount(count));
}

/** `batch-studio estimate <file...>`: tokens, cost, queue headroom and context errors before anything is sent. */
export function registerEstimateCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('estimate')
      .description(l10n.t('Count tokens and estimate cost and queue headroom (exit 0: valid and fits, 1: errors such as context_length_exceeded, or over the enqueued-token limit, 2: usage or I/O error)'))
      .argument('<file...>', l10n.t('batch JSONL files to estimate')),
  )
    .option('--prices <file>', l10n.t('JSON price file merged over the shipped prices (same shape as schemas/prices.json)'))
    .action(async (paths: string[], flags: EstimateFlags) => {
      const profile = resolveProfile(flags, process.env);
      const jobs = cliJobStore(process.env).all();
      let prices: PriceTable;
      try {
        prices = await loadPriceTable({ userPath: flags.prices });
      } catch (error) {
        process.stderr.write(`batch-studio estimate: ${describeReadError(error)}\n`);
        setExitCode(EXIT_USAGE);
        return;
      }
      const estimated: EstimatedFile[] = [];
      for (const path of paths) {
        try {
          const estimate = await estimateBatchFile(path, { provider: profile.limits ?? 'openai' });
          const model = fileModelFor(estimate.report, profile);
          estimated.push({ path, estimate, model, cost: estimateCost(estimate.tokens, model, prices, discountNameForProfile(profile)), headroom: queueHeadroom(profile, model, jobs, estimate.tokens.inputTokens) });
        } catch (error) {
          process.stderr.write(`batch-studio estimate: ${describeReadError(error)}\n`);
          setExitCode(EXIT_USAGE);
          return;
        }
      }
      process.stdout.write(flags.format === 'json' ? formatJson(estimated) : formatText(estimated));
      const problems = estimated.some(({ estimate, headroom }) => !headroom.fits || estimate.report.diagnostics.some((d) => d.severity === 'error'));
      setExitCode(problems ? EXIT_FAILURE : EXIT_OK);
    });
}
