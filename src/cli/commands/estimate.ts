import type { Command } from 'commander';
import { estimateBatchFile, estimateCost, queueHeadroom, type CostEstimate, type FileEstimate, type QueueHeadroom } from '../../core/estimate';
import { formatCount, formatCountOf, formatMoney } from '../../core/formatting';
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
    out.push(`${path}: ${[formatCountOf(report.requests, 'request'), model, report.endpoint].filter(Boolean).join(' · ')}`);
    const how = tokens.exact ? 'exact' : `approximate${tokens.notCounted.length ? `; not counted: ${tokens.notCounted.join(', ')}` : ''}`;
    out.push(`  input tokens: ${formatCount(tokens.inputTokens)} (${how})`);
    const unbounded = tokens.unboundedRequests ? ` (${formatCountOf(tokens.unboundedRequests, 'request')} set no max_tokens: their output is unbounded)` : '';
    out.push(`  output tokens: at most ${formatCount(tokens.outputTokensMax)}${unbounded}`);
    if (cost) {
      out.push(`  cost: ${formatMoney(cost.batch, cost.currency)} at batch price, ${formatMoney(cost.sync, cost.currency)} synchronous (${tokens.unboundedRequests ? 'more: some output is unbounded' : 'at most'}; ${cost.priceName} prices)`);
    } else out.push(`  cost: not priced (no entry for ${model ?? 'the model'} in the price table)`);
    if (tokens.sharedPrefix) {
      const saving = cost?.cachingSaving !== undefined ? `; prompt caching could save about ${formatMoney(cost.cachingSaving, cost.currency)}` : '';
      out.push(`  shared prefix: ${formatCountOf(tokens.sharedPrefix.requests, 'request')} share ${formatCount(tokens.sharedPrefix.tokens)} prompt tokens${saving}`);
    }
    if (headroom.limit === undefined) out.push(`  queue: no enqueued-token limit known for this profile and model (set enqueuedTokenLimit on the profile)`);
    else {
      const uncounted = headroom.activeJobsUncounted ? `, ${formatCountOf(headroom.activeJobsUncounted, 'active job')} not counted` : '';
      out.push(`  queue: ${formatCount(headroom.active)} enqueued by this machine's active jobs + ${formatCount(tokens.inputTokens)} of ${formatCount(headroom.limit)} (${headroom.limitSource})${uncounted}: ${headroom.fits ? 'fits' : 'does not fit; split it or wait for active jobs to finish'}`);
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
  const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : undefined;
  return reason ? `cannot read ${path ?? 'a file'}: ${reason}` : error instanceof Error ? error.message : String(error);
}

/** `batch-studio estimate <file...>`: tokens, cost, queue headroom and context errors before anything is sent. */
export function registerEstimateCommand(program: Command, setExitCode: (code: number) => void): void {
  addConnectionOptions(
    program
      .command('estimate')
      .description('Count tokens and estimate cost and queue headroom (exit 0: valid and fits, 1: errors such as context_length_exceeded, or over the enqueued-token limit, 2: usage or I/O error)')
      .argument('<file...>', 'batch JSONL files to estimate'),
  )
    .option('--prices <file>', 'JSON price file merged over the shipped prices (same shape as schemas/prices.json)')
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
