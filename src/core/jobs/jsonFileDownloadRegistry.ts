import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DownloadedResultFile, DownloadRegistry } from './jobResultFiles';

/**
 * A DownloadRegistry in one JSON file (the CLI's, beside its job list), so `download` reuses an
 * unchanged copy, never overwrites a changed one silently, and `results` finds the job a file came from.
 */
export class JsonFileDownloadRegistry implements DownloadRegistry {
  private entries: Record<string, DownloadedResultFile>;

  constructor(readonly path: string) {
    this.entries = readEntries(path);
  }

  get(file: string): DownloadedResultFile | undefined {
    return Object.hasOwn(this.entries, file) ? this.entries[file] : undefined;
  }

  async set(file: string, record: DownloadedResultFile): Promise<void> {
    // Re-read first: another run may have recorded its own downloads meanwhile.
    this.entries = { ...readEntries(this.path), [file]: record };
    mkdirSync(dirname(this.path), { recursive: true });
    const temporaryPath = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporaryPath, `${JSON.stringify(this.entries, null, 1)}\n`);
    await rename(temporaryPath, this.path);
  }
}

function readEntries(path: string): Record<string, DownloadedResultFile> {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, DownloadedResultFile>) : {};
  } catch {
    // Missing or unreadable: every file then counts as not ours, so nothing is overwritten without asking.
    return {};
  }
}
