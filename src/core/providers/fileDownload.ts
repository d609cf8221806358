import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DownloadOptions } from './batchProvider';

/**
 * Writes a byte stream to `destinationPath` through a temporary file beside it, renamed into place once
 * the stream ended: a crash or an abort leaves no half-written file under the real name.
 */
export async function writeStreamToFile(
  source: AsyncIterable<Uint8Array>,
  destinationPath: string,
  totalBytes: number | undefined,
  options: DownloadOptions = {},
): Promise<{ bytes: number }> {
  const temporaryPath = `${destinationPath}.${randomBytes(6).toString('hex')}.part`;
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      options.onProgress?.(bytes, totalBytes);
      done(null, chunk);
    },
  });
  try {
    await pipeline(source, counter, createWriteStream(temporaryPath), { signal: options.signal });
    await rename(temporaryPath, destinationPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    throw error;
  }
  return { bytes };
}
