import * as assert from 'node:assert/strict';
import { BatchPoller, type BatchStatusSource, type FocusState, type PollClock } from '../../../src/core/jobs/batchPoller';
import type { Job } from '../../../src/core/jobs/job';
import { JobStore, MemoryJobStorage } from '../../../src/core/jobs/jobStore';

const PROFILE = 'Emulator';
const START_MS = 1_800_000_000_000;

/** A clock whose sleeps resolve only when the test advances time; it reports each sleep it is asked for. */
class FakeClock implements PollClock {
  nowMs = START_MS;
  readonly sleeps: number[] = [];
  private pending: { until: number; resolve: () => void }[] = [];
  private sleepListeners: ((ms: number) => void)[] = [];

  now(): number {
    return this.nowMs;
  }

  sleep(ms: number, signal: AbortSignal): Promise<void> {
    this.sleeps.push(ms);
    for (const listener of this.sleepListeners.splice(0)) listener(ms);
    return new Promise((resolve) => {
      const entry = { until: this.nowMs + ms, resolve };
      this.pending.push(entry);
      signal.addEventListener('abort', () => {
        this.pending = this.pending.filter((p) => p !== entry);
        resolve();
      });
    });
  }

  /** Resolves with the length of the next sleep the loop asks for. */
  nextSleep(): Promise<number> {
    return new Promise((resolve) => this.sleepListeners.push(resolve));
  }

  advance(ms: number): void {
    this.nowMs += ms;
    const due = this.pending.filter((p) => p.until <= this.nowMs);
    this.pending = this.pending.filter((p) => p.until > this.nowMs);
    for (const entry of due) entry.resolve();
  }
}

function job(id: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    profile: PROFILE,
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    requestCounts: { total: 10, completed: 0, failed: 0 },
    createdAt: Math.floor(START_MS / 1000) - 10,
    ...overrides,
  };
}

/** A provider double over a map of remote jobs that counts its calls and can be made to fail. */
class FakeSource implements BatchStatusSource {
  listCalls = 0;
  retrieveCalls = 0;
  inFlight = 0;
  maxInFlight = 0;
  failWith: unknown;
  gate?: Promise<void>;
  constructor(public remote: Map<string, Job>, listable = true) {
    if (!listable) this.listBatches = undefined;
  }

  listBatches? = async ({ after, limit }: { after?: string; limit: number }) => {
    this.listCalls++;
    return this.track(() => {
      const all = [...this.remote.values()].sort((a, b) => b.createdAt - a.createdAt || b.id.localeCompare(a.id));
      const start = after ? all.findIndex((j) => j.id === after) + 1 : 0;
      const jobs = all.slice(start, start + limit);
      return { jobs, hasMore: start + limit < all.length };
    });
  };

  retrieveBatch = async (id: string) => {
    this.retrieveCalls++;
    return this.track(() => this.remote.get(id)!);
  };

  private async track<T>(answer: () => T): Promise<T> {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      await this.gate;
      if (this.failWith) throw this.failWith;
      return answer();
    } finally {
      this.inFlight--;
    }
  }
}

async function storeWith(jobs: Job[]): Promise<JobStore> {
  const store = new JobStore(new MemoryJobStorage());
  await store.upsert(...jobs);
  return store;
}

function apiError(status: number, headers: Record<string, string> = {}) {
  return Object.assign(new Error(`HTTP ${status}`), { status, headers: new Headers(headers) });
}

describe('BatchPoller', () => {
  it('refreshes 250 active jobs with 3 list calls a cycle and no retrieves', async () => {
    const jobs = Array.from({ length: 250 }, (_, i) => job(`batch_${String(i).padStart(3, '0')}`, { createdAt: 1000 + i }));
    const store = await storeWith(jobs);
    const remote = new Map(jobs.map((j) => [j.id, { ...j, requestCounts: { total: 10, completed: 5, failed: 0 } }]));
    const source = new FakeSource(remote);
    const clock = new FakeClock();
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000 });
    const slept = clock.nextSleep();
    poller.wake();
    await slept;
    assert.equal(source.listCalls, 3);
    assert.equal(source.retrieveCalls, 0);
    assert.ok(store.all().every((j) => j.requestCounts.completed === 5));
    poller.dispose();
  });

  it('retrieves each job where the provider cannot list', async () => {
    const store = await storeWith([job('a'), job('b')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })], ['b', job('b')]]), false);
    const clock = new FakeClock();
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000 });
    const slept = clock.nextSleep();
    poller.wake();
    await slept;
    assert.equal(source.retrieveCalls, 2);
    assert.equal(store.get(PROFILE, 'a')?.status, 'completed');
    poller.dispose();
  });

  it('never has two requests in flight however often it is woken', async () => {
    const store = await storeWith([job('a'), job('b')]);
    const source = new FakeSource(new Map([['a', job('a')], ['b', job('b')]]), false);
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const clock = new FakeClock();
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000 });
    for (let i = 0; i < 10; i++) poller.wake();
    const slept = clock.nextSleep();
    open();
    await slept;
    assert.equal(source.maxInFlight, 1);
    poller.dispose();
  });

  it('stops by itself when every job is finished, and makes no more calls', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })]]));
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), minIntervalMs: 5000 });
    poller.wake();
    await poller.whenStopped();
    assert.equal(poller.isRunning, false);
    assert.equal(source.listCalls, 1);
    poller.wake();
    await poller.whenStopped();
    assert.equal(source.listCalls, 1, 'no call when nothing is active');
  });

  it('polls at the floor right after a submit and backs off as the job ages', async () => {
    const clock = new FakeClock();
    const young = job('a', { createdAt: Math.floor(START_MS / 1000) - 5 });
    const store = await storeWith([young]);
    const source = new FakeSource(new Map([['a', young]]));
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000, maxIntervalMs: 120_000 });
    let slept = clock.nextSleep();
    poller.wake();
    assert.equal(await slept, 5000);
    clock.nowMs += 30 * 60_000; // half an hour later
    slept = clock.nextSleep();
    clock.advance(5000);
    const later = await slept;
    assert.ok(later > 5000 && later <= 120_000, `backed off to ${later} ms`);
    clock.nowMs += 10 * 3600_000;
    slept = clock.nextSleep();
    clock.advance(later);
    assert.equal(await slept, 120_000, 'never longer than the maximum');
    poller.dispose();
  });

  it('a changed floor applies at once: the current wait is cut short and the next is the new interval', async () => {
    const clock = new FakeClock();
    const young = job('a', { createdAt: Math.floor(START_MS / 1000) - 5 });
    const store = await storeWith([young]);
    const source = new FakeSource(new Map([['a', young]]));
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 60_000, maxIntervalMs: 120_000 });
    let slept = clock.nextSleep();
    poller.wake();
    assert.equal(await slept, 60_000);
    slept = clock.nextSleep();
    poller.setMinIntervalMs(2000);
    assert.equal(await slept, 2000);
    assert.equal(source.listCalls, 2, 'polled once more right away');
    poller.dispose();
  });

  it('waits as long as a 429 Retry-After says before the next call', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a')]]));
    source.failWith = apiError(429, { 'retry-after': '90' });
    const clock = new FakeClock();
    const errors: unknown[] = [];
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000, onError: (e) => errors.push(e) });
    const slept = clock.nextSleep();
    poller.wake();
    assert.ok((await slept) >= 90_000);
    assert.equal(errors.length, 1);
    poller.dispose();
  });

  it('backs off after consecutive transient errors', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a')]]));
    source.failWith = apiError(503);
    const clock = new FakeClock();
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock, minIntervalMs: 5000, onError: () => undefined });
    let slept = clock.nextSleep();
    poller.wake();
    const first = await slept;
    slept = clock.nextSleep();
    clock.advance(first);
    const second = await slept;
    assert.ok(second > first, `${second} > ${first}`);
    poller.dispose();
  });

  it('stops on 401 and asks for the key, then resumes when told', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a')]]));
    source.failWith = apiError(401);
    let authFailures = 0;
    const poller = new BatchPoller({
      profile: PROFILE,
      source,
      store,
      clock: new FakeClock(),
      minIntervalMs: 5000,
      onAuthFailure: () => authFailures++,
    });
    poller.wake();
    await poller.whenStopped();
    assert.equal(authFailures, 1);
    poller.wake();
    await poller.whenStopped();
    assert.equal(source.listCalls, 1, 'no calls with a refused key');
    source.failWith = undefined;
    source.remote.set('a', job('a', { status: 'completed' }));
    poller.resumeAfterAuth();
    await poller.whenStopped();
    assert.equal(store.get(PROFILE, 'a')?.status, 'completed');
  });

  it('treats a missing key like a refused one', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a')]]));
    source.failWith = Object.assign(new Error('No API key'), { name: 'MissingApiKeyError' });
    let authFailures = 0;
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), minIntervalMs: 5000, onAuthFailure: () => authFailures++ });
    poller.wake();
    await poller.whenStopped();
    assert.equal(authFailures, 1);
  });

  it('makes no call while the window is unfocused, and polls when focus returns', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })]]));
    let focused = false;
    const listeners: ((focused: boolean) => void)[] = [];
    const focus: FocusState = {
      isFocused: () => focused,
      onDidChange: (listener) => {
        listeners.push(listener);
        return { dispose: () => listeners.splice(listeners.indexOf(listener), 1) };
      },
    };
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), focus, minIntervalMs: 5000 });
    poller.wake();
    await Promise.resolve();
    assert.equal(source.listCalls, 0);
    assert.equal(listeners.length, 1);
    focused = true;
    listeners[0](true);
    await poller.whenStopped();
    assert.equal(source.listCalls, 1);
  });

  it('pollNow (Refresh, a stored key) polls at once while the window is unfocused, also after a refused key', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })]]));
    source.failWith = apiError(401);
    let authFailures = 0;
    const focus: FocusState = { isFocused: () => false, onDidChange: () => ({ dispose: () => undefined }) };
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), focus, minIntervalMs: 5000, onAuthFailure: () => authFailures++ });
    poller.pollNow();
    await poller.whenStopped();
    assert.equal(authFailures, 1, 'polled although unfocused, and the key was refused');
    source.failWith = undefined;
    poller.wake();
    await poller.whenStopped();
    assert.equal(source.listCalls, 1, 'a plain wake does not override a refused key');
    poller.pollNow();
    await poller.whenStopped();
    assert.equal(store.get(PROFILE, 'a')?.status, 'completed');
  });

  it('a pollNow that comes while the loop is stopping for a refused key still polls', async () => {
    const store = await storeWith([job('a')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })]]));
    source.failWith = apiError(401);
    let authFailures = 0;
    let secondFailure!: () => void;
    const failedAgain = new Promise<void>((resolve) => (secondFailure = resolve));
    const poller: BatchPoller = new BatchPoller({
      profile: PROFILE,
      source,
      store,
      clock: new FakeClock(),
      minIntervalMs: 5000,
      onAuthFailure: () => {
        authFailures++;
        // The user's Refresh, answered before the loop has finished returning.
        if (authFailures === 1) poller.pollNow();
        else secondFailure();
      },
    });
    poller.wake();
    await failedAgain;
    assert.equal(authFailures, 2);
  });

  it('does not bring back a job removed from the list while its status was being fetched', async () => {
    const store = await storeWith([job('a'), job('b')]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed' })], ['b', job('b', { status: 'completed' })]]));
    let open!: () => void;
    source.gate = new Promise((resolve) => (open = resolve));
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), minIntervalMs: 5000 });
    poller.wake();
    await store.remove({ profile: PROFILE, id: 'a' });
    open();
    await poller.whenStopped();
    assert.equal(store.get(PROFILE, 'a'), undefined, 'Remove from List holds');
    assert.equal(store.get(PROFILE, 'b')?.status, 'completed');
  });

  it('keeps what only this machine knows when it merges the provider view', async () => {
    const local = job('a', { sourceFile: '/work/in.batch.jsonl', groupId: 'g1' });
    const store = await storeWith([local]);
    const source = new FakeSource(new Map([['a', job('a', { status: 'completed', profile: 'remote', outputFileId: 'file-9' })]]));
    const poller = new BatchPoller({ profile: PROFILE, source, store, clock: new FakeClock(), minIntervalMs: 5000 });
    poller.wake();
    await poller.whenStopped();
    const merged = store.get(PROFILE, 'a')!;
    assert.equal(merged.sourceFile, '/work/in.batch.jsonl');
    assert.equal(merged.groupId, 'g1');
    assert.equal(merged.outputFileId, 'file-9');
    assert.equal(merged.status, 'completed');
  });
});
