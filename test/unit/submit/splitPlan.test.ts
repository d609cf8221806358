import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { planSplit, scanLineExtents, splitPartPath, submitBatchFile, UnsplittableLineError, writeSplitParts, type LineExtent } from '../../../src/core/submit';
import { chatLines, emulatorProfile, memoryJobStore, providerFor, testResources, writeBatchFile } from '../providers/support';

const requests = (...sizes: number[]): LineExtent[] => sizes.map((bytes) => ({ bytes, blank: false }));
const shape = (plan: ReturnType<typeof planSplit>) => plan.parts.map((part) => [part.firstLine, part.lastLine, part.requests, part.endByte - part.startByte]);

describe('submit: split planning', () => {
  const resources = testResources();

  it('a file within the limits is one part', () => {
    assert.deepEqual(shape(planSplit(requests(10, 10, 10), { maxRequests: 3, maxBytes: 30 })), [[1, 3, 3, 30]]);
  });

  it('splits by request count, exactly at the limit', () => {
    assert.deepEqual(shape(planSplit(requests(1, 1, 1, 1, 1), { maxRequests: 2 })), [
      [1, 2, 2, 2],
      [3, 4, 2, 2],
      [5, 5, 1, 1],
    ]);
  });

  it('splits by bytes, never inside a line; a line exactly filling a part fits', () => {
    assert.deepEqual(shape(planSplit(requests(6, 4, 5, 10, 1), { maxBytes: 10 })), [
      [1, 2, 2, 10],
      [3, 3, 1, 5],
      [4, 4, 1, 10],
      [5, 5, 1, 1],
    ]);
  });

  it('the first limit reached cuts: count and bytes together', () => {
    assert.deepEqual(shape(planSplit(requests(3, 3, 3, 3, 9), { maxRequests: 3, maxBytes: 10 })), [
      [1, 3, 3, 9],
      [4, 4, 1, 3],
      [5, 5, 1, 9],
    ]);
  });

  it('blank lines count as bytes, not requests, and a part of blank lines only is left out', () => {
    const lines: LineExtent[] = [{ bytes: 4, blank: false }, { bytes: 1, blank: true }, { bytes: 4, blank: false }, { bytes: 1, blank: true }];
    assert.deepEqual(shape(planSplit(lines, { maxRequests: 1 })), [
      [1, 2, 1, 5],
      [3, 4, 1, 5],
    ]);
    assert.deepEqual(shape(planSplit([{ bytes: 5, blank: false }, { bytes: 5, blank: true }], { maxBytes: 5 })), [[1, 1, 1, 5]]);
  });

  it('a single request line over the byte limit cannot be split', () => {
    assert.throws(() => planSplit(requests(3, 11, 2), { maxBytes: 10 }), (error: unknown) => error instanceof UnsplittableLineError && error.line === 2 && error.bytes === 11);
  });

  it('names parts beside the source: name.part-i-of-n.batch.jsonl', () => {
    assert.equal(splitPartPath('/data/run.batch.jsonl', 1, 3), path.join('/data', 'run.part-1-of-3.batch.jsonl'));
    assert.equal(splitPartPath('/data/run.jsonl', 2, 3), path.join('/data', 'run.part-2-of-3.jsonl'));
    assert.equal(splitPartPath('/data/run', 3, 3), path.join('/data', 'run.part-3-of-3'));
  });

  it('scans a file (BOM, CRLF, no final newline) and writes parts that put the file back together', async () => {
    const folder = resources.folder();
    const source = path.join(folder, 'mixed.batch.jsonl');
    const text = '\uFEFF{"a":1}\r\n{"b":22}\n\n{"c":333}\r\n{"d":4444}';
    writeFileSync(source, text);
    const { lines, leadingBytes } = await scanLineExtents(source);
    assert.equal(leadingBytes, 3);
    assert.deepEqual(lines.map((line) => line.blank), [false, false, true, false, false]);
    assert.equal(lines.reduce((sum, line) => sum + line.bytes, 0), Buffer.byteLength(text));

    const plan = planSplit(lines, { maxRequests: 2 }, leadingBytes);
    const files = await writeSplitParts(source, plan);
    assert.deepEqual(files.map((file) => path.basename(file)), ['mixed.part-1-of-2.batch.jsonl', 'mixed.part-2-of-2.batch.jsonl']);
    const parts = files.map((file) => readFileSync(file, 'utf8'));
    assert.deepEqual(parts, ['{"a":1}\r\n{"b":22}\n\n', '{"c":333}\r\n{"d":4444}']);
    assert.equal(parts.join(''), text.slice(1), 'nothing lost, nothing cut, the byte-order mark dropped');
  });

  it('submits an over-limit file as one group of parts with a shared group id (openai: 50,000 requests)', async function () {
    this.timeout(60_000);
    const emulator = await resources.emulator();
    const provider = providerFor(emulatorProfile(emulator.baseUrl));
    const folder = resources.folder();
    const file = writeBatchFile(folder, 'big.batch.jsonl', chatLines(50_001));
    const { store } = memoryJobStore();

    const refused = await submitBatchFile(file, { provider, jobStore: store });
    assert.equal(refused.outcome, 'needs-split');
    if (refused.outcome === 'needs-split') assert.equal(refused.plan.parts.length, 2);

    const result = await submitBatchFile(file, { provider, jobStore: store, split: true });
    assert.equal(result.outcome, 'submitted');
    if (result.outcome !== 'submitted') return;
    assert.equal(result.jobs.length, 2);
    assert.deepEqual(result.partFiles?.map((part) => path.basename(part)), ['big.part-1-of-2.batch.jsonl', 'big.part-2-of-2.batch.jsonl']);
    assert.deepEqual(result.jobs.map((job) => job.groupId), [result.groupId, result.groupId]);
    assert.deepEqual(result.jobs.map((job) => job.metadata?.part), ['1/2', '2/2']);
    assert.deepEqual(result.jobs.map((job) => job.requestCounts.total), [50_000, 1]);
    assert.equal(store.all().length, 2);
    const again = await submitBatchFile(file, { provider, jobStore: memoryJobStore().store, split: true });
    assert.equal(again.outcome, 'duplicate', 'the group is found by the whole file\'s hash');
  });
});
