import { PROVIDER_LIMITS, type ProviderLimitsName } from '../validation';
import type { ProviderCapabilities } from './batchProvider';
import { ANTHROPIC_LIMITS, GEMINI_LIMITS } from '../dialects';
import { profileDialect, type Profile } from './profile';

/** The seed's sync and jobs APIs take chat messages only. */
const SEED_ENDPOINTS = ['/v1/chat/completions'] as const;

/** Which limit table applies to a profile: its own setting, else the one its kind implies. */
export function limitsNameFor(profile: Profile): ProviderLimitsName {
  return profile.limits ?? (profile.kind === 'azure' ? 'azure' : 'openai');
}

/** What the profile's provider can do (see {@link ProviderCapabilities}). */
export function capabilitiesFor(profile: Profile): ProviderCapabilities {
  const limitsName = limitsNameFor(profile);
  const limits = PROVIDER_LIMITS[limitsName];
  if (profileDialect(profile) === 'anthropic') {
    const { endpoints } = ANTHROPIC_LIMITS;
    return { endpoints, limitsName, limits: ANTHROPIC_LIMITS, listsServerBatches: true, keepsSubmissionMetadata: false, dialect: 'anthropic', canCancel: true, completesOnCreate: false };
  }
  if (profileDialect(profile) === 'gemini') {
    const { endpoints } = GEMINI_LIMITS;
    // The display name carries the submission's hash and token: listed batches can be recognised.
    return { endpoints, limitsName, limits: GEMINI_LIMITS, listsServerBatches: true, keepsSubmissionMetadata: true, dialect: 'gemini', canCancel: true, completesOnCreate: false };
  }
  const mode = profile.kind === 'seed' ? (profile.mode ?? 'files') : undefined;
  if (mode === 'sync' || mode === 'jobs') {
    return {
      endpoints: SEED_ENDPOINTS,
      limitsName,
      limits: { ...limits, endpoints: SEED_ENDPOINTS },
      listsServerBatches: false,
      // The local archive keeps each job's submission metadata, so it can answer the never-twice check.
      keepsSubmissionMetadata: true,
      dialect: 'openai',
      // The jobs API answers `POST /v1/batch/jobs/{id}/cancel`; a sync batch stops sending its chunks.
      canCancel: true,
      completesOnCreate: mode === 'sync',
    };
  }
  return { endpoints: limits.endpoints, limitsName, limits, listsServerBatches: true, keepsSubmissionMetadata: true, dialect: 'openai', canCancel: true, completesOnCreate: false };
}
