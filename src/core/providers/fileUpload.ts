import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type OpenAI from 'openai';
import { toStreamingFile } from 'openai';
import pRetry from 'p-retry';
import type { UploadedFile, UploadOptions } from './batchProvider';
import { isAbort, isTransient, retryAfterMs, waitsTooLong } from './httpErrors';

/** Upload attempts after the first; an upload is safe to repeat (a stray file costs nothing). */
const UPLOAD_RETRIES = 2;

/** Reads the file in chunks, reporting the bytes read so far (the bytes handed to the socket). */
async function* countedChunks(path: string, totalBytes: number, options: UploadOptions): AsyncGenerator<Buffer> {
  let sent = 0;
  for await (const chunk of createReadStream(path, { signal: options.signal }) as AsyncIterable<Buffer>) {
    sent += chunk.length;
    options.onProgress?.(sent, totalBytes);
    yield chunk;
  }
}

/**
 * Uploads a batch input file (`purpose: batch`) streamed from disk: memory stays flat for a 200 MB file.
 * The SDK cannot repeat a streamed body, so transient failures (no answer, 408/409/429/5xx) are retried
 * here by re-opening the file, after the server's Retry-After when it gave one.
 */
export async function uploadBatchFile(client: OpenAI, path: string, options: UploadOptions = {}): Promise<UploadedFile> {
  const { size } = await stat(path);
  const filename = options.filename ?? basename(path);
  const upload = async () => {
    const file = toStreamingFile(countedChunks(path, size, options), filename, { type: 'application/jsonl' });
    const created = await client.files.create({ file, purpose: 'batch' }, { signal: options.signal, maxRetries: 0 });
    return { id: created.id, bytes: created.bytes ?? size, filename: created.filename ?? filename };
  };
  // A Retry-After beyond a minute (an hourly quota) is not waited out: the error says when to try again.
  const shouldRetry = (error: unknown) => !isAbort(error) && isTransient(error) && !waitsTooLong(error);
  return pRetry(upload, {
    retries: UPLOAD_RETRIES,
    minTimeout: 500,
    signal: options.signal,
    shouldRetry: ({ error }) => shouldRetry(error),
    onFailedAttempt: async ({ error, retriesLeft }) => {
      // p-retry calls this before shouldRetry: wait only for an attempt that will follow.
      const wait = retriesLeft > 0 && shouldRetry(error) ? retryAfterMs(error) : undefined;
      if (wait !== undefined) await sleep(wait, undefined, { signal: options.signal });
    },
  });
}
