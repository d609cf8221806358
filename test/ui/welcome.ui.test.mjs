import { openWorkbench, startCliEmulator } from './workbench.mjs';

const GATEWAY = 'Team gateway';

describe('UI: the Jobs view welcome', function () {
  let workbench;
  let emulator;

  before(async function () {
    // The CLI's emulator: a provider that the extension must send a key to.
    emulator = await startCliEmulator();
    workbench = await openWorkbench({ settings: { 'batchStudio.profiles': [{ name: GATEWAY, kind: 'openai', baseUrl: emulator.baseUrl }] } });
  });

  after(async function () {
    await workbench?.close();
    emulator?.stop();
  });

  it('offers an example with no jobs, and Set API Key while the active profile has no key', async function () {
    const { page } = workbench;
    await page.locator('.activitybar .action-item a[aria-label^="Batch Studio"]').first().click();
    const welcome = page.locator('[id="workbench.view.extension.batchStudio"] .welcome-view-content');
    await welcome.locator('.monaco-button', { hasText: 'Open Example' }).waitFor();
    // The emulator, the default profile, needs no key.
    await welcome.locator('.monaco-button', { hasText: 'Set API Key' }).waitFor({ state: 'detached' });

    await workbench.runCommand('Batch Studio: Select Profile');
    await workbench.pick('OpenAI');
    const setKey = welcome.locator('.monaco-button', { hasText: 'Set API Key' });
    await setKey.waitFor();

    await setKey.click();
    await page.waitForSelector('.quick-input-widget input[type="password"]');
    await page.keyboard.type('sk-ui-test-not-a-real-key');
    await page.keyboard.press('Enter');
    await setKey.waitFor({ state: 'detached' });
  });

  it('a submit stopped for want of a key carries on once Set API Key stores one', async function () {
    const { page } = workbench;
    await workbench.runCommand('Batch Studio: Select Profile');
    await workbench.pick(GATEWAY);
    await workbench.openFile('classify-reviews.batch.jsonl');
    await workbench.runCommand('Batch Studio: Submit Batch File');
    const noKey = await workbench.notification(new RegExp(`No API key for "${GATEWAY}"`));
    await noKey.locator('.monaco-button', { hasText: 'Set API Key' }).click();
    await page.waitForSelector('.quick-input-widget input[type="password"]');
    await page.keyboard.type('sk-ui-test-gateway-key');
    await page.keyboard.press('Enter');
    // The interrupted submit asks before it sends, as any submit does, then the job is there.
    await workbench.clickDialogButton('Submit');
    await workbench.jobRow(/classify-reviews\.batch\.jsonl/);
    await page.locator('[id="workbench.view.extension.batchStudio"] .monaco-list-row', { hasText: GATEWAY }).first().waitFor();
  });
});
