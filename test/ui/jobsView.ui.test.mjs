import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench } from './workbench.mjs';

describe('UI: the Jobs view', function () {
  let workbench;

  before(async function () {
    // A paced emulator keeps the second job visibly running while the screenshot is taken.
    workbench = await openWorkbench({ settings: { 'batchStudio.emulator.requestsPerSecond': 1 } });
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows a completed and a running job under the emulator profile', async function () {
    const { page } = workbench;
    const submitLens = page.locator('.codelens-decoration a', { hasText: 'Submit to Emulator (local, no key)' }).first();
    await workbench.openFile('summarize-articles.batch.jsonl');
    // Right after start, from the palette: Submit is there before VS Code has settled workspace trust.
    await workbench.runCommand('Batch Studio: Submit Batch File');
    await workbench.clickDialogButton('Submit');
    await workbench.jobRow(/summarize-articles\.batch\.jsonl.*completed/);
    await workbench.notification(/summarize-articles\.batch\.jsonl completed/);

    await workbench.openFile('classify-reviews.batch.jsonl');
    // And from the CodeLens on line 1, as a user clicks it.
    await submitLens.waitFor({ timeout: 60_000 });
    await submitLens.click();
    await workbench.clickDialogButton('Submit');

    await workbench.jobRow(/classify-reviews\.batch\.jsonl.*in progress/, { timeout: 30_000 });
    const rows = page.locator('[id="workbench.view.extension.batchStudio"] .monaco-list-row');
    const completed = rows.filter({ hasText: /summarize-articles\.batch\.jsonl.*completed · 12\/12/ });
    await completed.waitFor();
    const texts = await rows.allInnerTexts();
    assert.ok(texts.some((text) => text.includes('Emulator (local, no key)')), texts.join(' | '));

    const folder = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-screenshots-'));
    const file = path.join(folder, 'jobs-view.png');
    await page.screenshot({ path: file });
    console.log(`      screenshot: ${file}`);
  });
});
