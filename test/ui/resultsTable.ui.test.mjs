import assert from 'node:assert/strict';
import { execSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openWorkbench } from './workbench.mjs';

const FILE = 'table-demo.batch.jsonl';

function request(customId, content, extra = {}) {
  return JSON.stringify({ custom_id: customId, method: 'POST', url: '/v1/chat/completions', body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content }], ...extra } });
}

/** The frame of the results table webview (code-server nests it in two iframes). */
async function tableFrame(page) {
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$('#viewport').catch(() => null)) return frame;
    }
    await page.waitForEvent('frameattached', { timeout: 30_000 }).catch(() => undefined);
  }
}

describe('UI: the results table', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench();
    // Four requests; the third asks for more output tokens than the model gives, so it fails.
    const lines = [
      request('capital-fr', 'What is the capital of France?'),
      request('colour', 'Name a colour.'),
      request('essay', 'Write a very long essay.', { max_tokens: 100000 }),
      request('greeting', 'Say hello <b>politely</b>.'),
    ];
    writeFileSync(path.join(workbench.workspace, FILE), `${lines.join('\n')}\n`);
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows a failing and a passing row, filters by status, and a row click goes to the request', async function () {
    const { page } = workbench;
    await workbench.openFile(FILE);
    const submitLens = page.locator('.codelens-decoration a', { hasText: 'Submit to Emulator (local, no key)' }).first();
    await submitLens.waitFor({ timeout: 60_000 });
    await submitLens.click();
    await workbench.clickDialogButton('Submit');
    const name = FILE.replace(/\./g, '\\.');
    // The Jobs view shows the finished job for good; its toast may already have hidden itself by then.
    await workbench.jobRow(new RegExp(`${name}.*completed`)).catch(async (error) => {
      const seen = await page.locator('.notification-toast, [id="workbench.view.extension.batchStudio"] .monaco-list-row, .statusbar-item').allInnerTexts();
      await page.screenshot({ path: path.join(os.tmpdir(), 'results-table-timeout.png') });
      const logs = execSync(`find ${workbench.userDataDir}/logs -name '*.log' | xargs tail -n 80`, { encoding: 'utf8' });
      throw new Error(`${error.message}\nlast state seen: ${seen.join(' | ')}\n${logs}`);
    });
    const finished = await workbench.notification(new RegExp(`${name} completed: 3 of 4 requests succeeded, 1 failed`));
    await finished.locator('.monaco-button', { hasText: 'Open Results' }).click();
    await page.locator('.tab', { hasText: `${FILE} (results)` }).waitFor();

    await workbench.openFile(FILE);
    // Room for every column: the side bar closed, the notifications cleared (before the webview has the focus).
    await workbench.runCommand('View: Close Primary Side Bar');
    await workbench.runCommand('Notifications: Clear All Notifications');
    await workbench.runCommand('Batch Studio: Open Results Table');
    const frame = await tableFrame(page);
    const rows = frame.locator('#spacer .row');
    await rows.filter({ hasText: 'essay' }).waitFor();
    const failing = rows.filter({ hasText: 'essay' });
    const passing = rows.filter({ hasText: 'capital-fr' });
    assert.match(await failing.innerText(), /failed[\s\S]*Write a very long essay\.[\s\S]*\[400\] invalid_value: max_tokens is too large/);
    assert.match(await passing.innerText(), /succeeded[\s\S]*What is the capital of France\?/);
    // Provider and file text is shown as text, never as markup.
    assert.match(await rows.filter({ hasText: 'greeting' }).innerText(), /Say hello <b>politely<\/b>\./);
    assert.equal(await frame.locator('#spacer b').count(), 0);

    const folder = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-screenshots-'));
    const file = path.join(folder, 'results-table.png');
    await page.screenshot({ path: file });
    console.log(`      screenshot: ${file}`);

    await frame.locator('#status').selectOption('failed');
    await frame.locator('#count', { hasText: /^1 row of 4$/ }).waitFor();
    assert.equal(await rows.count(), 1);
    await failing.click();
    // The input is shown with its cursor on the failed request's line (line 3).
    await page.locator('.statusbar-item', { hasText: /Ln 3, Col 1/ }).first().waitFor();
  });

  it('the results beside the input sit on the same rows as their requests', async function () {
    const { page } = workbench;
    await workbench.openFile(FILE);
    await page.locator('.tab', { hasText: `${FILE} (results)` }).click();
    /** Where line `n` is drawn in the editor group at `index` (0 the input, 1 its results). */
    const rowTop = async (index, n) => {
      const number = page.locator('.editor-group-container').nth(index).locator('.margin-view-overlays .line-numbers', { hasText: new RegExp(`^${n}$`) });
      return (await number.boundingBox())?.y;
    };
    for (const line of [1, 3, 4]) {
      const [input, results] = [await rowTop(0, line), await rowTop(1, line)];
      assert.ok(input !== undefined && results !== undefined, `line ${line} is shown in both editors`);
      assert.ok(Math.abs(input - results) < 2, `line ${line}: input row at ${input} px, its result at ${results} px`);
    }
  });

  it('the "already submitted" dialog keeps the existing job when Enter is pressed', async function () {
    const { page } = workbench;
    await workbench.openFile(FILE);
    const submitLens = page.locator('.codelens-decoration a', { hasText: 'Submit to Emulator (local, no key)' }).first();
    await submitLens.waitFor();
    await submitLens.click();
    const dialog = page.locator('.monaco-dialog-box', { hasText: 'was already submitted' });
    await dialog.waitFor();
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    const jobRows = await workbench.jobRow(FILE);
    assert.equal(await jobRows.count(), 1, 'no second job');
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no confirmation followed: nothing is submitted');
  });
});
