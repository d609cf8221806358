import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from '../../../src/core/jobs/job';
import { findImportedSource } from '../../../src/core/jobs/importedSource';

function job(overrides: Partial<Job>): Job {
  return { id: 'batch_x', profile: 'p', endpoint: '/v1/chat/completions', status: 'completed', requestCounts: { total: 1, completed: 1, failed: 0 }, createdAt: 0, ...overrides };
}

describe('findImportedSource: an imported batch finds the file it was submitted from', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'imported-source-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('matches by the recorded SHA-256: a known job of the same content, else a candidate file with the same bytes', async () => {
    const content = '{"custom_id":"a"}\n';
    const sha256 = createHash('sha256').update(content).digest('hex');
    const edited = path.join(dir, 'edited', 'articles.batch.jsonl');
    const same = path.join(dir, 'same', 'articles.batch.jsonl');
    for (const [file, text] of [[edited, '{"custom_id":"b"}\n'], [same, content]] as const) {
      await import('node:fs/promises').then((fs) => fs.mkdir(path.dirname(file), { recursive: true }));
      writeFileSync(file, text);
    }
    const imported = job({ metadata: { sha256, source_file: 'articles.batch.jsonl' }, sha256 });
    assert.equal(await findImportedSource(imported, [], [edited, same]), same);
    assert.equal(await findImportedSource(imported, [job({ id: 'batch_old', sha256, sourceFile: '/elsewhere/articles.batch.jsonl' })], [same]), '/elsewhere/articles.batch.jsonl');
    assert.equal(await findImportedSource(imported, [], [edited]), undefined, 'an edited file of the same name is not its input');
    assert.equal(await findImportedSource(job({}), [], [same]), undefined, 'no recorded hash, no match');
  });
});
