import { readFileSync, rmSync } from 'node:fs';
import { openWorkbench, screenshotPath } from './workbench.mjs';

/** One picture of the steps side by side, each captioned: composed in the same browser, no image library. */
async function composeSteps(browser, steps, file) {
  const page = await browser.newPage({ viewport: { width: 1800, height: 300 } });
  const cells = steps
    .map(({ caption, image }) => `<figure><img src="data:image/png;base64,${readFileSync(image).toString('base64')}"><figcaption>${caption}</figcaption></figure>`)
    .join('<div class="arrow">→</div>');
  await page.setContent(`<!doctype html><style>
    body { margin: 0; padding: 16px; background: #1f2a44; font: 600 22px system-ui, sans-serif; color: #fff; display: flex; align-items: center; gap: 12px; }
    figure { margin: 0; flex: 1; } img { width: 100%; border-radius: 8px; display: block; } figcaption { margin-top: 8px; text-align: center; }
    .arrow { font-size: 40px; }</style>${cells}`);
  await page.screenshot({ path: file, fullPage: true });
  await page.close();
}

describe('UI: README screenshots: submit → results, step by step', function () {
  let workbench;

  before(async function () {
    // Paced, so the job is seen running before it completes.
    workbench = await openWorkbench({ settings: { 'batchStudio.emulator.requestsPerSecond': 4 } });
  });

  after(async function () {
    await workbench?.close();
  });

  it('submits an example to the emulator, watches the job and opens its results beside the input', async function () {
    const { page } = workbench;
    const steps = [];
    const snap = async (name, caption) => {
      const image = screenshotPath(`step-${name}.png`);
      await page.screenshot({ path: image });
      steps.push({ caption, image });
    };
    await workbench.openFile('summarize-articles.batch.jsonl');
    const submitLens = page.locator('.codelens-decoration a', { hasText: 'Submit to Emulator (local, no key)' }).first();
    await submitLens.waitFor({ timeout: 60_000 });
    await submitLens.click();
    await page.locator('.monaco-dialog-box', { hasText: 'Submit summarize-articles.batch.jsonl' }).waitFor();
    await snap('1-confirm', '1. Submit: what it will cost');
    await workbench.clickDialogButton('Submit');
    await workbench.jobRow(/summarize-articles\.batch\.jsonl.*in progress/, { timeout: 30_000 });
    await snap('2-running', '2. Watch the job');
    await workbench.jobRow(/summarize-articles\.batch\.jsonl.*completed · 12\/12/);
    const finished = await workbench.notification(/summarize-articles\.batch\.jsonl completed/);
    await finished.locator('.monaco-button', { hasText: 'Open Results' }).click();
    await page.locator('.tab', { hasText: 'summarize-articles.batch.jsonl (results)' }).waitFor();
    await snap('3-results', '3. Results beside the input');
    const file = screenshotPath('submit-to-results.png');
    await composeSteps(page.context().browser(), steps, file);
    for (const step of steps) rmSync(step.image, { force: true });
    console.log(`      screenshot: ${file}`);
  });
});
