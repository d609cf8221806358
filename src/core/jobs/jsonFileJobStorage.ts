import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Job } from './job';
import type { JobStorage } from './jobStore';

/**
 * A JobStorage in one JSON file (the CLI's jobs, so `status` and a later `submit` see them). Written to a
 * temporary name and renamed, so a crash leaves the previous list, never half of one.
 */
export class JsonFileJobStorage implements JobStorage {
  constructor(readonly path: string) {}

  read(): Job[] | undefined {
    try {
      const parsed = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
      return Array.isArray(parsed) ? (parsed as Job[]) : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async write(jobs: Job[]): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const temporaryPath = `${this.path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporaryPath, `${JSON.stringify(jobs, null, 1)}\n`);
    await rename(temporaryPath, this.path);
  }
}
