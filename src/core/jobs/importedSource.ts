import { sha256OfFile } from '../submit/fileDigest';
import type { Job } from './job';

/**
 * The input file an imported batch was submitted from, matched by the SHA-256 submission recorded in
 * its metadata: first among jobs this machine knows (another job of the same content), then among
 * `candidates` (files named like its `source_file` metadata), hashed one by one. Undefined when none
 * has the same bytes: a file of the same name that was edited since is not its input.
 */
export async function findImportedSource(job: Job, known: readonly Job[], candidates: readonly string[]): Promise<string | undefined> {
  const sha256 = job.sha256 ?? job.metadata?.sha256;
  if (!sha256) return undefined;
  const sibling = known.find((other) => other.sha256 === sha256 && other.sourceFile);
  if (sibling?.sourceFile) return sibling.sourceFile;
  for (const candidate of candidates) {
    const digest = await sha256OfFile(candidate).catch(() => undefined);
    if (digest === sha256) return candidate;
  }
  return undefined;
}
