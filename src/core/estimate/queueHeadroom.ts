import * as l10n from '@vscode/l10n';
import { isTerminalStatus, type Job } from '../jobs/job';
import type { Profile } from '../providers/profile';
import { lookupModel, modelLimits } from './modelLimits';

/** The usage tier assumed when a profile names none: the one every new OpenAI account starts in. */
export const DEFAULT_USAGE_TIER = 1;

/** Where an enqueued-token limit comes from, for messages ("tier 1 default", "profile"). */
export interface EnqueuedTokenLimit {
  limit: number;
  source: string;
}

/** The queue against a file: the limit for its model, what this machine's active jobs hold, and whether the file fits. */
export interface QueueHeadroom {
  /** `undefined`: no limit known for this profile and model (not OpenAI, or a model the tier table lacks). */
  limit: number | undefined;
  limitSource?: string;
  /** Input tokens of this machine's jobs on the profile and model that are not finished. */
  active: number;
  /** Active jobs whose tokens are not known (submitted before estimates were kept, or elsewhere). */
  activeJobsUncounted: number;
  fits: boolean;
}

/** Where a limit set on the profile comes from, as the estimate and the submit confirmation name it. */
const profileSource = () => l10n.t({ message: 'profile', comment: ['where an enqueued-token limit comes from'] });

/**
 * The limit for `model` on a profile: its own `enqueuedTokenLimit` (a number for every model, or per model),
 * else for OpenAI and the emulator the published default of its `usageTier`.
 */
export function enqueuedTokenLimitFor(profile: Pick<Profile, 'kind' | 'enqueuedTokenLimit' | 'usageTier'>, model: string | undefined): EnqueuedTokenLimit | undefined {
  const own = profile.enqueuedTokenLimit;
  if (typeof own === 'number') return { limit: own, source: profileSource() };
  if (own && model !== undefined) {
    const limit = lookupModel(own, model);
    if (limit !== undefined) return { limit, source: profileSource() };
  }
  if ((profile.kind !== 'openai' && profile.kind !== 'emulator') || model === undefined) return undefined;
  const tier = profile.usageTier ?? DEFAULT_USAGE_TIER;
  const limit = lookupModel(modelLimits().enqueuedTokenLimits[String(tier)] ?? {}, model);
  return limit === undefined ? undefined : { limit, source: l10n.t('usage tier {0} default', tier) };
}

/** `gpt-4o-mini` and the snapshot a batch reports (`gpt-4o-mini-2024-07-18`) share one queue. */
function sameModel(a: string, b: string): boolean {
  return a === b || a.startsWith(`${b}-`) || b.startsWith(`${a}-`);
}

/** The jobs that hold enqueued tokens for `model` on `profileName`. */
export function activeJobsFor(jobs: readonly Job[], profileName: string, model: string | undefined): Job[] {
  return jobs.filter((job) => job.profile === profileName && !isTerminalStatus(job.status) && (model === undefined || job.model === undefined || sameModel(job.model, model)));
}

/** Whether `inputTokens` more fit in the profile's queue for `model`, given this machine's jobs. */
export function queueHeadroom(
  profile: Pick<Profile, 'name' | 'kind' | 'enqueuedTokenLimit' | 'usageTier'>,
  model: string | undefined,
  jobs: readonly Job[],
  inputTokens: number,
): QueueHeadroom {
  const active = activeJobsFor(jobs, profile.name, model);
  const activeTokens = active.reduce((sum, job) => sum + (job.estimatedInputTokens ?? 0), 0);
  const activeJobsUncounted = active.filter((job) => job.estimatedInputTokens === undefined).length;
  const found = enqueuedTokenLimitFor(profile, model);
  if (!found) return { limit: undefined, active: activeTokens, activeJobsUncounted, fits: true };
  return { limit: found.limit, limitSource: found.source, active: activeTokens, activeJobsUncounted, fits: activeTokens + inputTokens <= found.limit };
}
