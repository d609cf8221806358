import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/** One request line of a batch input file, as the seed's sync and jobs APIs need it. */
export interface BatchRequestLine {
  customId: string;
  url: string;
  body: Record<string, unknown>;
}

/**
 * Reads every request of a (validated) batch input file. The seed's APIs take the requests inline in
 * JSON bodies, so they are held in memory; blank lines are skipped, a line that is not a request throws.
 */
export async function readBatchRequests(path: string): Promise<BatchRequestLine[]> {
  const requests: BatchRequestLine[] = [];
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const text = lineNumber === 1 ? raw.replace(/^\uFEFF/, '') : raw;
    if (text.trim() === '') continue;
    const parsed = JSON.parse(text) as { custom_id?: unknown; url?: unknown; body?: unknown };
    if (typeof parsed.custom_id !== 'string' || typeof parsed.body !== 'object' || parsed.body === null) {
      throw new Error(`Line ${lineNumber} of ${path} is not a batch request (custom_id and body are required).`);
    }
    requests.push({ customId: parsed.custom_id, url: String(parsed.url ?? ''), body: parsed.body as Record<string, unknown> });
  }
  return requests;
}
