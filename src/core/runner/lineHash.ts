import { hash } from 'node:crypto';

/** Journal line ids carry the hash of the input line they answer: `batch_req_line_<hash>`. */
const JOURNAL_ID_PREFIX = 'batch_req_line_';

/**
 * The identity of one input line: a hash of its exact text (custom_id, url and body included), so an
 * edited line is a new request and an unchanged one is recognised in the journal after any restart.
 * 96 bits: collisions are negligible at batch sizes.
 */
export function lineHash(text: string): string {
  // The one-shot `hash` leaves no Hash object behind: a run hashes every line twice, and 400,000 native
  // objects waiting for the collector were megabytes of a 200,000-request run's peak.
  return hash('sha256', text).slice(0, 24);
}

/** The `id` a journal line gets for the input line with this hash. */
export function journalLineId(hash: string): string {
  return JOURNAL_ID_PREFIX + hash;
}

/** The input line hash a journal line id carries, or undefined for a line this runner did not write. */
export function hashOfJournalLineId(id: unknown): string | undefined {
  return typeof id === 'string' && id.startsWith(JOURNAL_ID_PREFIX) ? id.slice(JOURNAL_ID_PREFIX.length) : undefined;
}
