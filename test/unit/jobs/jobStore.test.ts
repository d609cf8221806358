import * as assert from 'node:assert/strict';
import type { Job } from '../../../src/core/jobs/job';
import { type JobStorage, JobStore, MemoryJobStorage } from '../../../src/core/jobs/jobStore';

function job(id: string, overrides: Partial<Job> = {}): Job {
  return {
    id,
    profile: 'Emulator',
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    requestCounts: { total: 10, completed: 0, failed: 0 },
    createdAt: 1_700_000_000,
    ...overrides,
  };
}

/** A storage over `initial` whose writes go through `write` (which may fail or wait). */
function writeStorage(initial: Job[], write: (jobs: Job[]) => Promise<void>): JobStorage {
  let stored = initial;
  return {
    read: () => stored,
    update: async (edit) => {
      const next = edit(stored);
      if (!next) return stored;
      await write(next);
      stored = next;
      return next;
    },
  };
}

describe('JobStore', () => {
  it('persists a change before announcing it', async () => {
    const events: string[] = [];
    const storage = writeStorage([], async (jobs) => {
      events.push(`write ${jobs.map((j) => j.id).join(',')}`);
    });
    const store = new JobStore(storage);
    store.onDidChange((change) => events.push(`change ${change.changed.map((j) => j.id).join(',')}`));
    await store.upsert(job('batch_1'));
    assert.deepEqual(events, ['write batch_1', 'change batch_1']);
  });

  it('does not announce a change whose write failed, and rejects', async () => {
    const storage = writeStorage([], async () => Promise.reject(new Error('disk full')));
    const store = new JobStore(storage);
    let announced = false;
    store.onDidChange(() => (announced = true));
    await assert.rejects(store.upsert(job('batch_1')), /disk full/);
    assert.equal(announced, false);
  });

  it('shows a change only once it is persisted', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = new JobStore(writeStorage([], () => gate));
    const upserted = store.upsert(job('batch_1'));
    await Promise.resolve();
    assert.equal(store.get('Emulator', 'batch_1'), undefined, 'not visible while the write is pending');
    assert.equal(store.all().length, 0);
    release();
    await upserted;
    assert.equal(store.get('Emulator', 'batch_1')?.id, 'batch_1');
  });

  it('keeps its state when a write fails', async () => {
    const store = new JobStore(writeStorage([job('kept')], async () => Promise.reject(new Error('disk full'))));
    await assert.rejects(store.upsert(job('lost')));
    await assert.rejects(store.remove(job('kept')));
    assert.deepEqual(store.all().map((j) => j.id), ['kept']);
  });

  it('restores what an earlier store persisted, newest first', async () => {
    const storage = new MemoryJobStorage();
    const first = new JobStore(storage);
    await first.upsert(job('old', { createdAt: 1 }), job('new', { createdAt: 2 }));
    const reloaded = new JobStore(storage);
    assert.deepEqual(reloaded.all().map((j) => j.id), ['new', 'old']);
  });

  it('keeps jobs of different profiles with the same id apart', async () => {
    const store = new JobStore(new MemoryJobStorage());
    await store.upsert(job('batch_1', { profile: 'A' }), job('batch_1', { profile: 'B', status: 'completed' }));
    assert.equal(store.all().length, 2);
    assert.equal(store.get('B', 'batch_1')?.status, 'completed');
  });

  it('skips unchanged records without writing or announcing', async () => {
    let writes = 0;
    const store = new JobStore(writeStorage([job('batch_1')], async () => void writes++));
    let changes = 0;
    store.onDidChange(() => changes++);
    await store.upsert(job('batch_1'));
    assert.equal(writes, 0);
    assert.equal(changes, 0);
    await store.upsert(job('batch_1', { status: 'completed' }));
    assert.equal(writes, 1);
    assert.equal(changes, 1);
  });

  it('serialises writes so the last snapshot wins', async () => {
    const written: string[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const store = new JobStore(
      writeStorage([], async (jobs) => {
        if (written.length === 0) await gate;
        written.push(jobs.map((j) => j.id).sort());
      }),
    );
    const a = store.upsert(job('a'));
    const b = store.upsert(job('b'));
    release();
    await Promise.all([a, b]);
    assert.deepEqual(written, [['a'], ['a', 'b']]);
  });

  it('removes jobs and announces what it removed', async () => {
    const store = new JobStore(new MemoryJobStorage([job('a'), job('b')]));
    const removed: string[] = [];
    store.onDidChange((change) => removed.push(...change.removed.map((j) => j.id)));
    await store.remove({ profile: 'Emulator', id: 'a' }, { profile: 'Emulator', id: 'missing' });
    assert.deepEqual(removed, ['a']);
    assert.deepEqual(store.all().map((j) => j.id), ['b']);
  });
});
