import assert from 'node:assert/strict';
import { openWorkbench, screenshotPath } from './workbench.mjs';

// VS Code with its display language set to Chinese (Simplified): the harness installs a stand-in language
// pack (the real ones come from the Marketplace), so VS Code's own texts stay English while the
// extension's titles, views and messages come from its Chinese bundles.
describe('UI: README screenshots: the extension in Chinese (display language zh-cn)', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench({ locale: 'zh-cn' });
  });

  after(async function () {
    await workbench?.close();
  });

  it('shows Chinese command titles, Jobs view, confirmation and notification', async function () {
    const { page } = workbench;
    await workbench.openFile('summarize-articles.batch.jsonl');
    // The Submit lens on line 1, in Chinese.
    const submitLens = page.locator('.codelens-decoration a', { hasText: '提交到 Emulator (local, no key)' }).first();
    await submitLens.waitFor({ timeout: 60_000 });
    // The command's Chinese title finds it in the Command Palette.
    await workbench.runCommand('Batch Studio: 提交批量文件');
    const dialog = page.locator('.monaco-dialog-box', { hasText: '要将 summarize-articles.batch.jsonl 提交到 Emulator (local, no key) 吗？' });
    await dialog.waitFor();
    assert.match(await dialog.innerText(), /请求数：12/);
    await workbench.clickDialogButton('提交');
    await workbench.jobRow(/summarize-articles\.batch\.jsonl.*已完成 · 12\/12/);
    await workbench.notification(/批量任务 summarize-articles\.batch\.jsonl 已完成：12 个请求中 12 个成功/);
    const viewTitle = await page.locator('[id="workbench.view.extension.batchStudio"] .pane-header').first().innerText();
    assert.match(viewTitle, /批量任务/);
    const file = screenshotPath('zh-cn.png');
    await page.screenshot({ path: file });
    console.log(`      screenshot: ${file}`);
  });
});
