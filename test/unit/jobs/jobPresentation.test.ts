import MarkdownIt from 'markdown-it';
import * as assert from 'node:assert/strict';
import type { Job } from '../../../src/core/jobs/job';
import { formatDuration, formatRelativeTime, presentJob } from '../../../src/core/jobs/jobPresentation';
import { type DownloadedResultFile, ensureResultFiles, resultPathsFor } from '../../../src/core/jobs/jobResultFiles';
import type { BatchProvider } from '../../../src/core/providers/batchProvider';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const NOW_MS = 1_800_000_000_000;

function job(overrides: Partial<Job> = {}): Job {
  return {
    id: 'batch_abc',
    profile: 'OpenAI',
    endpoint: '/v1/chat/completions',
    status: 'in_progress',
    requestCounts: { total: 1204, completed: 300, failed: 4 },
    createdAt: NOW_MS / 1000 - 180,
    sourceFile: '/work/articles.batch.jsonl',
    ...overrides,
  };
}

describe('presentJob', () => {
  it('names the job after its file and shows status, progress, ETA and age', () => {
    const view = presentJob(job(), { done: 304, total: 1204, failed: 4, requestsPerMinute: 100, etaSeconds: 540 }, NOW_MS);
    assert.equal(view.label, 'articles.batch.jsonl');
    assert.equal(view.description, 'in progress · 304/1,204 (4 failed) · ETA 9 min · 3 minutes ago');
    assert.equal(view.icon, 'sync~spin');
  });

  it('gives menus the tokens of what the job allows', () => {
    assert.deepEqual(presentJob(job(), undefined, NOW_MS).contextValue.split(' ').sort(), ['active', 'cancellable', 'in_progress', 'input', 'job']);
    const done = presentJob(job({ status: 'completed', outputFileId: 'file-1' }), undefined, NOW_MS);
    assert.deepEqual(done.contextValue.split(' ').sort(), ['completed', 'input', 'job', 'results']);
    const failed = presentJob(job({ status: 'failed', errors: [{ code: 'invalid_url', message: 'bad', line: 3 }] }), undefined, NOW_MS);
    assert.match(failed.contextValue, /\berrors\b/);
    assert.equal(failed.icon, 'error');
    assert.equal(presentJob(job({ status: 'cancelling' }), undefined, NOW_MS).contextValue.includes('cancellable'), false);
  });

  it('marks a completed job with failed requests as a warning, a clean one as passed', () => {
    assert.equal(presentJob(job({ status: 'completed' }), undefined, NOW_MS).icon, 'warning');
    const clean = job({ status: 'completed', requestCounts: { total: 2, completed: 2, failed: 0 } });
    assert.equal(presentJob(clean, undefined, NOW_MS).icon, 'pass');
  });

  it('escapes provider text in the tooltip so it renders as text', () => {
    const view = presentJob(job({ status: 'failed', errors: [{ code: 'x', message: '[click](command:evil) *bold*', line: 2 }] }), undefined, NOW_MS);
    assert.ok(!view.tooltip.includes('[click](command:evil)'));
    const html = new MarkdownIt().render(view.tooltip);
    assert.doesNotMatch(html, /<a |<em>/);
    assert.match(html, /\[click\]\(command:evil\) \*bold\*/);
    assert.ok(view.tooltip.includes('(line 2)'));
  });
});

describe('job time formatting', () => {
  it('says how long ago in words', () => {
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 30, NOW_MS), 'just now');
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 7200, NOW_MS), '2 hours ago');
    assert.equal(formatRelativeTime(NOW_MS / 1000 - 86400, NOW_MS), 'yesterday');
  });

  it('formats durations compactly', () => {
    assert.equal(formatDuration(42), '42 s');
    assert.equal(formatDuration(540), '9 min');
    assert.equal(formatDuration(3900), '1 h 05 min');
  });
});

describe('resultPathsFor', () => {
  it('puts results beside the input, named after it', () => {
    const paths = resultPathsFor(job({ outputFileId: 'f1', errorFileId: 'f2' }), '/fallback');
    assert.deepEqual(paths, { output: '/work/articles.results.jsonl', errors: '/work/articles.errors.jsonl' });
  });

  it('uses the fallback folder and the batch id for jobs without an input on this machine', () => {
    const paths = resultPathsFor(job({ sourceFile: undefined, outputFileId: 'f1' }), '/fallback');
    assert.deepEqual(paths, { output: '/fallback/batch_abc.results.jsonl', errors: undefined });
  });

  it('honours a results folder override', () => {
    assert.equal(resultPathsFor(job({ outputFileId: 'f1' }), '/fallback', '/out').output, '/out/articles.results.jsonl');
  });
});

function memoryRegistry() {
  const files = new Map<string, DownloadedResultFile>();
  return { get: (file: string) => files.get(file), set: async (file: string, record: DownloadedResultFile) => void files.set(file, record) };
}

describe('ensureResultFiles', () => {
  it('does not take a results file another job of the same input left behind for this job\'s', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'results-'));
    const provider = {
      downloadFile: async (fileId: string, destination: string) => {
        writeFileSync(destination, `${fileId}\n`);
        return { bytes: fileId.length + 1 };
      },
    } as unknown as BatchProvider;
    const registry = memoryRegistry();
    const sourceFile = path.join(dir, 'a.batch.jsonl');
    const first = job({ id: 'batch_1', status: 'completed', outputFileId: 'file-first', sourceFile });
    const second = job({ id: 'batch_2', status: 'completed', outputFileId: 'file-second-run', sourceFile });
    const paths = resultPathsFor(first, dir);
    assert.equal(resultPathsFor(second, dir).output, paths.output, 'both jobs of one input share the name');
    await ensureResultFiles(first, provider, paths, registry);
    await ensureResultFiles(second, provider, paths, registry);
    assert.equal(readFileSync(paths.output!, 'utf8'), 'file-second-run\n');
    await ensureResultFiles(first, provider, paths, registry);
    assert.equal(readFileSync(paths.output!, 'utf8'), 'file-first\n');
    rmSync(dir, { recursive: true, force: true });
  });

  it('downloads each file once and again only when the local copy is gone', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'results-'));
    const downloads: string[] = [];
    const provider = {
      downloadFile: async (fileId: string, destination: string) => {
        downloads.push(fileId);
        writeFileSync(destination, `${fileId}\n`);
        return { bytes: fileId.length + 1 };
      },
    } as unknown as BatchProvider;
    const finished = job({ status: 'completed', outputFileId: 'file-out', errorFileId: 'file-err', sourceFile: path.join(dir, 'a.batch.jsonl') });
    const paths = resultPathsFor(finished, dir);
    const registry = memoryRegistry();
    await ensureResultFiles(finished, provider, paths, registry);
    await ensureResultFiles(finished, provider, paths, registry);
    assert.deepEqual(downloads, ['file-out', 'file-err']);
    rmSync(paths.output!);
    await ensureResultFiles(finished, provider, paths, registry);
    assert.deepEqual(downloads, ['file-out', 'file-err', 'file-out']);
    assert.ok(existsSync(paths.output!));
    rmSync(dir, { recursive: true, force: true });
  });
});
