import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Job } from '../../../src/core/jobs/job';
import { type DownloadedResultFile, ensureResultFiles, resultPathsFor } from '../../../src/core/jobs/jobResultFiles';
import type { BatchProvider } from '../../../src/core/providers/batchProvider';
import { fileInFolder, safeFileNamePart } from '../../../src/core/safePaths';

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'batch_0mbx3k2a1f9c41d2e0b7a6',
    profile: 'OpenAI',
    endpoint: '/v1/chat/completions',
    status: 'completed',
    requestCounts: { total: 3, completed: 3, failed: 0 },
    createdAt: 1_800_000_000,
    sourceFile: '/work/articles.batch.jsonl',
    ...overrides,
  };
}

function memoryRegistry() {
  const files = new Map<string, DownloadedResultFile>();
  return { get: (file: string) => files.get(file), set: async (file: string, record: DownloadedResultFile) => void files.set(file, record) };
}

/** A provider whose files hold their own id, recording each download. */
function fakeProvider(downloads: string[] = []): BatchProvider {
  return {
    downloadFile: async (fileId: string, destination: string) => {
      downloads.push(fileId);
      writeFileSync(destination, `${fileId}\n`);
      return { bytes: fileId.length + 1 };
    },
  } as unknown as BatchProvider;
}

function tempFolder(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'results-'));
}

describe('result files downloaded by two callers at once', () => {
  it('the second waits for the first: each file is fetched once and the next caller finds it current, not changed', async () => {
    const folder = tempFolder();
    try {
      const downloads: string[] = [];
      // Each download takes a while, as a real one does: two callers overlap.
      const provider = {
        downloadFile: async (fileId: string, destination: string) => {
          downloads.push(fileId);
          await new Promise<void>((resolve) => setImmediate(resolve));
          writeFileSync(destination, `${fileId} ${downloads.length}\n`);
          return { bytes: 1 };
        },
      } as unknown as BatchProvider;
      const registry = memoryRegistry();
      const finished = job({ sourceFile: path.join(folder, 'in.batch.jsonl'), outputFileId: 'f1', errorFileId: 'f2' });
      const paths = resultPathsFor(finished, folder);
      const asked: string[] = [];
      const confirmOverwrite = async (file: string) => (asked.push(file), false);
      await Promise.all([ensureResultFiles(finished, provider, paths, registry, { confirmOverwrite }), ensureResultFiles(finished, provider, paths, registry, { confirmOverwrite })]);
      const third = await ensureResultFiles(finished, provider, paths, registry, { confirmOverwrite });
      assert.deepEqual(downloads, ['f1', 'f2']);
      assert.deepEqual(asked, []);
      assert.deepEqual(third.kept, []);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('result file names', () => {
  it('names results after the input and the end of the batch id, beside the input', () => {
    const paths = resultPathsFor(job({ outputFileId: 'f1', errorFileId: 'f2' }), '/fallback');
    assert.equal(paths.output, '/work/articles.d2e0b7a6.results.jsonl');
    assert.equal(paths.errors, '/work/articles.d2e0b7a6.errors.jsonl');
    assert.equal(paths.folder, '/work');
  });

  it('gives two jobs of one input different files', () => {
    const first = resultPathsFor(job({ id: 'batch_0mbx3k2a1f111111aaaaaa', outputFileId: 'f1', errorFileId: 'e1' }), '/fallback');
    const second = resultPathsFor(job({ id: 'batch_0mbx3k2a1f222222bbbbbb', outputFileId: 'f2', errorFileId: 'e2' }), '/fallback');
    assert.notEqual(first.output, second.output);
    assert.notEqual(first.errors, second.errors);
  });

  it('uses the fallback folder and the batch id for jobs without an input on this machine', () => {
    const paths = resultPathsFor(job({ id: 'batch_abc', sourceFile: undefined, outputFileId: 'f1' }), '/fallback');
    assert.deepEqual(paths, { folder: '/fallback', output: '/fallback/batch_abc.results.jsonl', errors: undefined });
  });

  it('honours a results folder override', () => {
    assert.equal(resultPathsFor(job({ outputFileId: 'f1' }), '/fallback', '/out').output, '/out/articles.d2e0b7a6.results.jsonl');
  });

  it('keeps a hostile batch id inside the folder', () => {
    for (const id of ['../../x', '..', '/etc/passwd', 'a/../../b', '..\\..\\x', '.hidden', '']) {
      const paths = resultPathsFor(job({ id, sourceFile: undefined, outputFileId: 'f1', errorFileId: 'f2' }), '/fallback');
      for (const file of [paths.output!, paths.errors!]) {
        assert.equal(path.dirname(file), '/fallback', `${JSON.stringify(id)} → ${file}`);
        assert.doesNotMatch(path.basename(file), /^\.|\/|\\/);
      }
    }
  });

  it('reduces provider text to a safe base name', () => {
    assert.equal(safeFileNamePart('../../x'), 'x');
    assert.equal(safeFileNamePart('batch 1/2:3'), 'batch_1_2_3');
    assert.equal(safeFileNamePart('..'), '_');
    assert.equal(safeFileNamePart('a\u0000b\nc'), 'a_b_c');
    assert.throws(() => fileInFolder('/f', '../x'), /would leave the folder/);
    assert.throws(() => fileInFolder('/f', '..'), /would leave the folder/);
  });
});

describe('ensureResultFiles', () => {
  it('downloads an imported job with id ../../x into the folder and nowhere else', async () => {
    const root = tempFolder();
    const folder = path.join(root, 'a', 'b');
    const hostile = job({ id: '../../x', sourceFile: undefined, outputFileId: 'file-out' });
    await ensureResultFiles(hostile, fakeProvider(), resultPathsFor(hostile, folder), memoryRegistry());
    assert.deepEqual(readdirSync(folder), ['x.results.jsonl']);
    assert.deepEqual(readdirSync(root), ['a']);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses a destination outside the folder it was given', async () => {
    const folder = tempFolder();
    const paths = { folder, output: path.join(folder, '..', 'escaped.jsonl') };
    await assert.rejects(ensureResultFiles(job({ outputFileId: 'f' }), fakeProvider(), paths, memoryRegistry()), /outside/);
    assert.equal(existsSync(paths.output), false);
    rmSync(folder, { recursive: true, force: true });
  });

  it('downloads each file once and again only when the local copy is gone', async () => {
    const dir = tempFolder();
    const downloads: string[] = [];
    const finished = job({ outputFileId: 'file-out', errorFileId: 'file-err', sourceFile: path.join(dir, 'a.batch.jsonl') });
    const paths = resultPathsFor(finished, dir);
    const registry = memoryRegistry();
    await ensureResultFiles(finished, fakeProvider(downloads), paths, registry);
    await ensureResultFiles(finished, fakeProvider(downloads), paths, registry);
    assert.deepEqual(downloads, ['file-out', 'file-err']);
    rmSync(paths.output!);
    await ensureResultFiles(finished, fakeProvider(downloads), paths, registry);
    assert.deepEqual(downloads, ['file-out', 'file-err', 'file-out']);
    assert.equal(registry.get(paths.output!)?.jobId, finished.id);
    rmSync(dir, { recursive: true, force: true });
  });

  it('never overwrites a file the user changed unless asked, and then only when confirmed', async () => {
    const dir = tempFolder();
    const finished = job({ outputFileId: 'file-out', sourceFile: path.join(dir, 'a.batch.jsonl') });
    const paths = resultPathsFor(finished, dir);
    const registry = memoryRegistry();
    await ensureResultFiles(finished, fakeProvider(), paths, registry);
    writeFileSync(paths.output!, 'my notes\n');
    utimesSync(paths.output!, new Date(), new Date(Date.now() + 5000));

    const asked: string[] = [];
    const declined = await ensureResultFiles(finished, fakeProvider(), paths, registry, { confirmOverwrite: async (file) => (asked.push(file), false) });
    assert.deepEqual(asked, [paths.output]);
    assert.deepEqual(declined.kept, [paths.output]);
    assert.equal(readFileSync(paths.output!, 'utf8'), 'my notes\n');

    const silent = await ensureResultFiles(finished, fakeProvider(), paths, registry);
    assert.deepEqual(silent.kept, [paths.output], 'with no one to ask, the file is kept');

    const confirmed = await ensureResultFiles(finished, fakeProvider(), paths, registry, { confirmOverwrite: async () => true });
    assert.deepEqual(confirmed.kept, []);
    assert.equal(readFileSync(paths.output!, 'utf8'), 'file-out\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('treats a file it did not download as the user\'s', async () => {
    const dir = tempFolder();
    const finished = job({ outputFileId: 'file-out', sourceFile: path.join(dir, 'a.batch.jsonl') });
    const paths = resultPathsFor(finished, dir);
    writeFileSync(paths.output!, 'already here\n');
    const result = await ensureResultFiles(finished, fakeProvider(), paths, memoryRegistry());
    assert.deepEqual(result.kept, [paths.output]);
    assert.equal(readFileSync(paths.output!, 'utf8'), 'already here\n');
    rmSync(dir, { recursive: true, force: true });
  });
});
