import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { chatBatchText, emulatorPerTest, fileLines, isFinished, submitBatch, tempDirPerTest, untilBatch } from './support';

/** Every file under `dir`, recursively. */
function listTree(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listTree(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

describe('emulator persistence (dataDir)', () => {
  const start = emulatorPerTest();
  const data = tempDirPerTest('emulator-data-');

  it('keeps files, batches and outputs across a restart', async () => {
    const first = await start({ dataDir: data.path });
    const created = await submitBatch(first.client, chatBatchText(12));
    const done = await untilBatch(first.emulator, first.client, created.id, isFinished);
    const outputBefore = await fileLines(first.client, done.output_file_id!);
    await first.emulator.close();
    assert.deepEqual(listTree(data.path).filter((file) => file.endsWith('.tmp')), [], 'no temp files left: every write was renamed into place');

    const second = await start({ dataDir: data.path });
    assert.deepEqual(await second.client.batches.retrieve(created.id), done);
    assert.deepEqual(await fileLines(second.client, done.output_file_id!), outputBefore);
    const files = await second.client.files.list();
    assert.deepEqual(files.data.map((file) => file.id).sort(), [done.input_file_id, done.output_file_id!].sort());
  });

  it('resumes a batch that was running when the emulator stopped', async () => {
    // 50 lines per real second: the batch is mid-run when the first emulator closes.
    const first = await start({ dataDir: data.path, timeScale: 1, requestsPerSecond: 50 });
    const created = await submitBatch(first.client, chatBatchText(40));
    await untilBatch(first.emulator, first.client, created.id, (batch) => batch.request_counts.completed >= 2);
    await first.emulator.close();

    const second = await start({ dataDir: data.path, timeScale: 1 });
    const batch = await untilBatch(second.emulator, second.client, created.id, isFinished);
    assert.equal(batch.status, 'completed');
    assert.deepEqual(batch.request_counts, { total: 40, completed: 40, failed: 0 });
    assert.equal((await fileLines(second.client, batch.output_file_id!)).length, 40);
  });

  it('finishes a cancel that was under way when the emulator stopped', async () => {
    const first = await start({ dataDir: data.path, timeScale: 1, requestsPerSecond: 20 });
    first.emulator.faults.failNextBatch('stall');
    const created = await submitBatch(first.client, chatBatchText(4));
    await untilBatch(first.emulator, first.client, created.id, (batch) => batch.request_counts.completed === 2);
    await first.client.batches.cancel(created.id);
    await first.emulator.close();
    const second = await start({ dataDir: data.path });
    const batch = await untilBatch(second.emulator, second.client, created.id, isFinished);
    assert.equal(batch.status, 'cancelled');
  });
});
