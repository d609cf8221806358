import { readJsonFile, updateJsonFile, type JsonFileFormat } from '../storage/lockedJsonFile';
import type { Job } from './job';
import type { JobStorage } from './jobStore';

/**
 * A JobStorage in one JSON file (the CLI's jobs, so `status` and a later `submit` see them). Each change
 * is made under a lock on the latest list and written atomically: parallel runs keep every record, and a
 * crash leaves the previous list, never half of one. A corrupt list is moved aside with a warning.
 */
export class JsonFileJobStorage implements JobStorage {
  private readonly format: JsonFileFormat<Job[]>;

  constructor(
    readonly path: string,
    onWarning?: (message: string) => void,
  ) {
    this.format = { empty: () => [], accept: (parsed) => (Array.isArray(parsed) ? (parsed as Job[]) : undefined), onWarning };
  }

  read(): Job[] {
    return readJsonFile(this.path, this.format);
  }

  update(edit: (latest: Job[]) => Job[] | undefined): Promise<Job[]> {
    return updateJsonFile(this.path, this.format, edit);
  }
}
