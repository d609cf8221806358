import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { isJsonObject } from '../validation/jsonValues';
import type { DialectName } from './dialect';
import { detectRequestDialect } from './index';

/**
 * The dialect of a batch file on disk, from its first request line that names one (the rest is not read);
 * `undefined` when no line does or the file cannot be read (the caller's own read reports why).
 */
export async function readFileDialect(path: string): Promise<DialectName | undefined> {
  const input = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  try {
    for await (const line of lines) {
      let value: unknown;
      try {
        value = JSON.parse(line.replace(/^\uFEFF/, ''));
      } catch {
        continue;
      }
      const dialect = isJsonObject(value) ? detectRequestDialect(value) : undefined;
      if (dialect) return dialect.name;
    }
  } catch {
    return undefined;
  } finally {
    lines.close();
    input.destroy();
  }
  return undefined;
}
