import { randomBytes } from 'node:crypto';

let lastTime = 0;

/**
 * A new id such as `batch_0mbx3k2a1f9c41d2e0b7a6`: a millisecond clock that never repeats or goes back within
 * the process, then randomness. Ids therefore sort by creation, so "newest first" survives a restart.
 */
export function newId(prefix: string): string {
  lastTime = Math.max(Date.now(), lastTime + 1);
  return `${prefix}${lastTime.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;
}

export function unixSeconds(ms: number = Date.now()): number {
  return Math.floor(ms / 1000);
}
