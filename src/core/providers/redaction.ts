/** What replaces a secret in any text this project writes. */
export const REDACTED = '[redacted]';

/** Credentials that look like keys even when we were not told them (e.g. a key from another profile). */
const KEY_PATTERNS: readonly RegExp[] = [
  /\bsk-[A-Za-z0-9_-]{8,}/g,
  /(\bBearer\s+)[^\s"',]+/gi,
  /(\bapi-key["']?\s*[:=]\s*["']?)[^\s"',]+/gi,
];

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes every given secret, and anything shaped like an API key, from `text`. Call it on every message
 * and log line that could carry a request, a header or an error from the network.
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] = []): string {
  let redacted = text;
  // Longest first, so a secret that contains another is removed whole.
  const known = secrets.filter((secret): secret is string => typeof secret === 'string' && secret.length >= 4).sort((a, b) => b.length - a.length);
  for (const secret of known) redacted = redacted.replace(new RegExp(escapeRegExp(secret), 'g'), REDACTED);
  for (const pattern of KEY_PATTERNS) {
    redacted = redacted.replace(pattern, (_match, prefix?: string) => (typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED));
  }
  return redacted;
}

/** A log sink; every line it receives has been through {@link redactSecrets}. */
export type ProviderLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** Wraps a log sink so nothing written through it can carry one of `secrets`. */
export function redactingLog(log: ProviderLog, secrets: readonly (string | undefined)[]): ProviderLog {
  return (level, message) => log(level, redactSecrets(message, secrets));
}
