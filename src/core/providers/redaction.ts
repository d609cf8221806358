/** What replaces a secret in any text this project writes. */
export const REDACTED = '[redacted]';

/**
 * Credentials that look like keys even when we were not told them (a key of another profile, one a server
 * echoes back): OpenAI `sk-…` (and `sk-proj-…`, `sk-ant-…`), Groq `gsk_…`, xAI `xai-…`, Google `AIza…`,
 * Azure's 32-hex keys, and whatever follows `Bearer`, an `api-key`/`x-api-key` header or a `key=` parameter.
 */
const KEY_PATTERNS: readonly RegExp[] = [
  /\b(?:sk|xai)-[A-Za-z0-9_-]{8,}/g,
  /\bgsk_[A-Za-z0-9]{8,}/g,
  /\bAIza[A-Za-z0-9_-]{20,}/g,
  /(?<![A-Za-z0-9_-])[0-9a-f]{32}(?![A-Za-z0-9_-])/gi,
  /(\bBearer\s+)[^\s"',]+/gi,
  /(\b(?:x-)?api[-_]?key["']?\s*[:=]\s*["']?)[^\s"',&]+/gi,
  /([?&]key=)[^\s"'&#]+/gi,
];

/** The keys this process has put to use (see {@link rememberSecret}). */
const secretsInUse = new Set<string>();

/**
 * Tells the redaction about a key this process is using, whatever its shape; every later
 * {@link redactSecrets} removes it. Called wherever a key is resolved (the CLI's environment, the
 * extension's secret storage), so text that reaches a log, notification, tooltip or terminal cannot carry it.
 */
export function rememberSecret(secret: string | undefined): void {
  if (typeof secret === 'string' && secret.length >= 4) secretsInUse.add(secret);
}

/**
 * Removes every key in use (and `extra` ones), and anything shaped like an API key, from `text`. Every
 * message and log line that could carry a request, a header or an error from the network goes through it.
 */
export function redactSecrets(text: string, extra: readonly (string | undefined)[] = []): string {
  let redacted = text;
  const known = [...secretsInUse];
  for (const secret of extra) if (typeof secret === 'string' && secret.length >= 4) known.push(secret);
  // Longest first, so a secret that contains another is removed whole.
  known.sort((a, b) => b.length - a.length);
  for (const secret of known) redacted = redacted.split(secret).join(REDACTED);
  for (const pattern of KEY_PATTERNS) {
    redacted = redacted.replace(pattern, (_match, prefix?: unknown) => (typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED));
  }
  return redacted;
}

/** A log sink; every line it receives has been through {@link redactSecrets}. */
export type ProviderLog = (level: 'debug' | 'info' | 'warn' | 'error', message: string) => void;

/** Wraps a log sink so nothing written through it can carry a key. */
export function redactingLog(log: ProviderLog, secrets: readonly (string | undefined)[] = []): ProviderLog {
  return (level, message) => log(level, redactSecrets(message, secrets));
}
