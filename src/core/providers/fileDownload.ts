import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { DownloadOptions } from './batchProvider';

/** A download that receives nothing for this long is given up (a server that sent headers and stalled). */
export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

/** The transfer stopped: no bytes for the idle timeout, or fewer (or more) bytes than the file holds. */
export class IncompleteDownloadError extends Error {
  override readonly name = 'IncompleteDownloadError';
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes `.part` files an earlier download of `destinationPath` left behind (a crash, a killed process),
 * once they are older than a live download could be: one that is alive writes at least every idle timeout.
 */
async function removeStaleParts(destinationPath: string, idleTimeoutMs: number): Promise<void> {
  const pattern = new RegExp(`^${escapeRegExp(basename(destinationPath))}\\.[0-9a-f]{12}\\.part$`);
  const folder = dirname(destinationPath);
  const names = await readdir(folder).catch(() => [] as string[]);
  for (const name of names.filter((entry) => pattern.test(entry))) {
    const part = join(folder, name);
    const modified = await stat(part).then((info) => info.mtimeMs, () => undefined);
    if (modified !== undefined && Date.now() - modified > idleTimeoutMs) await rm(part, { force: true });
  }
}

/**
 * Writes a byte stream to `destinationPath` through a temporary `.part` file beside it, renamed into place
 * once the stream ended with `expectedBytes` (when the source says how many it holds): a crash, an abort,
 * a stall of `idleTimeoutMs` or a body cut short leaves no file under the real name, and no `.part` either.
 */
export async function writeStreamToFile(
  source: AsyncIterable<Uint8Array>,
  destinationPath: string,
  expectedBytes: number | undefined,
  options: DownloadOptions = {},
): Promise<{ bytes: number }> {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  await removeStaleParts(destinationPath, idleTimeoutMs);
  const temporaryPath = `${destinationPath}.${randomBytes(6).toString('hex')}.part`;
  const idle = new AbortController();
  let idleTimer: NodeJS.Timeout | undefined;
  const restartIdleTimer = () => {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => idle.abort(), idleTimeoutMs);
  };
  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      restartIdleTimer();
      bytes += chunk.length;
      options.onProgress?.(bytes, expectedBytes);
      done(null, chunk);
    },
  });
  const signal = options.signal ? AbortSignal.any([options.signal, idle.signal]) : idle.signal;
  try {
    restartIdleTimer();
    await pipeline(source, counter, createWriteStream(temporaryPath), { signal });
    if (expectedBytes !== undefined && bytes !== expectedBytes) {
      throw new IncompleteDownloadError(`The download of ${basename(destinationPath)} ended after ${bytes} of its ${expectedBytes} bytes. Download it again.`);
    }
    await rename(temporaryPath, destinationPath);
  } catch (error) {
    await rm(temporaryPath, { force: true });
    if (idle.signal.aborted && !options.signal?.aborted) {
      throw new IncompleteDownloadError(`The download of ${basename(destinationPath)} stalled: nothing arrived for ${Math.round(idleTimeoutMs / 1000)} s after ${bytes} bytes. Download it again.`);
    }
    throw error;
  } finally {
    clearTimeout(idleTimer);
  }
  return { bytes };
}
