import type { Profile } from './profile';

const PREFIX = 'batchStudio.apiKey';

/**
 * The SecretStorage entry of a profile's key: the profile's name and its base URL's origin (scheme, host,
 * port). Changing a profile's host or port leaves the key behind, so a key never follows a changed URL to
 * another server; a path change on the same origin (an Azure API path, `/v1`) keeps it.
 */
export function apiKeySecretName(profile: Pick<Profile, 'name' | 'baseUrl'>): string {
  return `${PREFIX}/${encodeURIComponent(profile.name)}@${new URL(profile.baseUrl).origin}`;
}
