import { readJsonFile, updateJsonFile, type JsonFileFormat } from '../storage/lockedJsonFile';
import type { DownloadedResultFile, DownloadRegistry } from './jobResultFiles';

type Entries = Record<string, DownloadedResultFile>;

/**
 * A DownloadRegistry in one JSON file (the CLI's, beside its job list), so `download` reuses an
 * unchanged copy, never overwrites a changed one silently, and `results` finds the job a file came from.
 * Each record is added under a lock on the latest file: parallel runs keep each other's downloads.
 */
export class JsonFileDownloadRegistry implements DownloadRegistry {
  private entries: Entries;
  private readonly format: JsonFileFormat<Entries>;

  constructor(
    readonly path: string,
    onWarning?: (message: string) => void,
  ) {
    // A missing or corrupt registry counts every file as not ours, so nothing is overwritten without asking.
    this.format = { empty: () => ({}), accept: (parsed) => (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Entries) : undefined), onWarning };
    this.entries = readJsonFile(path, this.format);
  }

  get(file: string): DownloadedResultFile | undefined {
    return Object.hasOwn(this.entries, file) ? this.entries[file] : undefined;
  }

  async set(file: string, record: DownloadedResultFile): Promise<void> {
    this.entries = await updateJsonFile(this.path, this.format, (latest) => ({ ...latest, [file]: record }));
  }
}
