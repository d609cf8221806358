/**
 * Polling cost: 200 active jobs on one emulator profile, refreshed by the BatchPoller. Counts the API
 * calls each poll cycle costs at the emulator (goal: at most 2, i.e. ceil(200/100) list pages), against
 * the baseline of retrieving each job (200 calls), and the calls made once every job has finished (goal 0).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../src/core/emulator';
import { BatchPoller, type PollClock } from '../../src/core/jobs/batchPoller';
import { isTerminalStatus } from '../../src/core/jobs/job';
import { JobStore, MemoryJobStorage } from '../../src/core/jobs/jobStore';
import { createProvider } from '../../src/core/providers';
import type { Profile } from '../../src/core/providers/profile';

const JOBS = 200;
const CYCLES = 5;

/** A clock whose sleeps end when the benchmark says: one cycle per `nextCycle()`. */
class CycleClock implements PollClock {
  private wake?: () => void;
  private sleeping?: () => void;
  now(): number {
    return Date.now();
  }
  sleep(_ms: number, signal: AbortSignal): Promise<void> {
    this.sleeping?.();
    return new Promise((resolve) => {
      this.wake = resolve;
      signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }
  /** Resolves when the loop has finished its cycle and gone to sleep. */
  asleep(): Promise<void> {
    return new Promise((resolve) => (this.sleeping = resolve));
  }
  nextCycle(): void {
    this.wake?.();
  }
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'polling-bench-'));
  const emulator = await startEmulator({ batchFault: 'stall' });
  try {
    const profile: Profile = { name: 'Emulator', kind: 'emulator', baseUrl: emulator.baseUrl };
    const provider = createProvider(profile, undefined);
    const input = path.join(dir, 'one.batch.jsonl');
    writeFileSync(
      input,
      `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] } })}\n`,
    );
    const file = await provider.uploadFile(input);
    const store = new JobStore(new MemoryJobStorage());
    for (let i = 0; i < JOBS; i++) {
      await store.upsert({ ...(await provider.createBatch({ inputFileId: file.id, endpoint: '/v1/chat/completions' })), profile: profile.name });
    }

    // Baseline: one retrieve per job, what a poller without list batching costs each cycle.
    emulator.requestLog.reset();
    for (const job of store.all()) await provider.retrieveBatch(job.id);
    const baselineCalls = emulator.requestLog.total();

    const clock = new CycleClock();
    const poller = new BatchPoller({ profile: profile.name, source: provider, store, clock, minIntervalMs: 1000 });
    const perCycle: number[] = [];
    for (let cycle = 0; cycle < CYCLES; cycle++) {
      emulator.requestLog.reset();
      const asleep = clock.asleep();
      if (cycle === 0) poller.wake();
      else clock.nextCycle();
      await asleep;
      perCycle.push(emulator.requestLog.total());
    }

    // Finish every job (cancel is the quickest way to a terminal state), let one cycle see it, then count.
    for (const job of store.all()) await provider.cancelBatch(job.id);
    while (!store.all().every((job) => isTerminalStatus(job.status))) {
      const asleep = clock.asleep();
      clock.nextCycle();
      await Promise.race([asleep, poller.whenStopped()]);
    }
    await poller.whenStopped();
    emulator.requestLog.reset();
    poller.wake();
    await poller.whenStopped();
    const afterFinished = emulator.requestLog.total();
    poller.dispose();

    const worst = Math.max(...perCycle);
    console.log(`${JOBS} active jobs, one emulator profile, ${CYCLES} poll cycles`);
    console.log(`  API calls per cycle: ${perCycle.join(', ')} (goal ≤ 2) ${worst <= 2 ? 'OK' : 'OVER'}`);
    console.log(`  baseline, one retrieve per job: ${baselineCalls} calls a cycle; the poller costs ${(worst / baselineCalls).toFixed(3)}x of it`);
    console.log(`  API calls once every job has finished: ${afterFinished} (goal 0) ${afterFinished === 0 ? 'OK' : 'OVER'}`);
    if (worst > 2 || afterFinished !== 0) process.exitCode = 1;
  } finally {
    await emulator.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();
