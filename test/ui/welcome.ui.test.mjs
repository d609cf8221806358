import { openWorkbench } from './workbench.mjs';

describe('UI: the Jobs view welcome', function () {
  let workbench;

  before(async function () {
    workbench = await openWorkbench();
  });

  after(async function () {
    await workbench?.close();
  });

  it('offers an example with no jobs, and Set API Key while the active profile has no key', async function () {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="Batch Studio"]').first().click();
    const welcome = page.locator('[id="workbench.view.extension.batchStudio"] .welcome-view-content');
    await welcome.locator('.monaco-button', { hasText: 'Open Example' }).waitFor();
    // The emulator, the default profile, needs no key.
    await welcome.locator('.monaco-button', { hasText: 'Set API Key' }).waitFor({ state: 'detached' });

    await workbench.runCommand('Batch Studio: Select Profile');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'OpenAI' }).first().click();
    const setKey = welcome.locator('.monaco-button', { hasText: 'Set API Key' });
    await setKey.waitFor();

    await setKey.click();
    await page.waitForSelector('.quick-input-widget input[type="password"]');
    await page.keyboard.type('sk-ui-test-not-a-real-key');
    await page.keyboard.press('Enter');
    await setKey.waitFor({ state: 'detached' });
  });
});
