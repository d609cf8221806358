import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { openWorkbench, startCliEmulator } from './workbench.mjs';

const PROFILE = 'Local server (direct)';
const REQUESTS = 12;

/** The custom_ids a journal file holds, repeats kept (so "exactly once" can be checked). */
function journalIds(file) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line).custom_id);
}

describe('UI: a direct run across a window reload', function () {
  let workbench;
  let emulator;

  before(async function () {
    // A slow server in its own process, so the run is mid-way at the reload and the server outlives it.
    emulator = await startCliEmulator(['--latency-ms', '1500']);
    workbench = await openWorkbench({ settings: { 'batchStudio.profiles': [{ name: PROFILE, kind: 'direct', baseUrl: emulator.baseUrl, concurrency: 1 }] } });
  });

  after(async function () {
    await workbench?.close();
    emulator?.stop();
  });

  it('Reload Window mid-run asks once to resume; Resume finishes it with every request answered exactly once', async function () {
    await workbench.openFile('summarize-articles.batch.jsonl');
    await workbench.runCommand('Batch Studio: Select Profile');
    await workbench.pick(PROFILE);
    await workbench.runCommand('Batch Studio: Submit Batch File');
    await workbench.clickDialogButton('Run');
    await workbench.jobRow(new RegExp(`summarize-articles\\.batch\\.jsonl.*[2-9]/${REQUESTS}`));

    await workbench.runCommand('Developer: Reload Window');
    const asked = await workbench.notification(/Direct runs stopped when the window closed: summarize-articles\.batch\.jsonl\. Resume them\?/, { toastTimeout: 60_000 });
    await asked.locator('.monaco-button', { hasText: /^Resume$/ }).click();
    await workbench.jobRow(new RegExp(`summarize-articles\\.batch\\.jsonl.*completed · ${REQUESTS}/${REQUESTS}`));

    const answered = journalIds(path.join(workbench.workspace, 'summarize-articles.results.jsonl'));
    assert.equal(answered.length, REQUESTS, `results lines: ${answered.join(', ')}`);
    assert.equal(new Set(answered).size, REQUESTS, 'each request answered once');
  });
});
