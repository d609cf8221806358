// A VS Code workbench in headless chromium for UI tests: code-server with the built extension installed
// (not the smoke-test driver, so notifications show), and the small vocabulary of user actions.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, exitOnSignals, startCodeServer } from '../harness/codeServer.mjs';

exitOnSignals();
import { chromiumPath, root } from '../harness/tools.mjs';

export async function openWorkbench({ settings = {} } = {}) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-ui-'));
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer({ workspace, installExtension: true, settings });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
  return {
    page,
    workspace,
    /** Opens a workspace file through Quick Open, as a user would. */
    async openFile(name) {
      await page.keyboard.press('Control+P');
      await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
      await page.keyboard.type(name);
      await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`);
      await page.keyboard.press('Enter');
      await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
    },
    /** Runs a command from the Command Palette by its title. */
    async runCommand(title) {
      await page.keyboard.press('F1');
      await page.waitForSelector('.quick-input-widget:not([style*="display: none"]) input');
      await page.keyboard.type(title);
      await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${title}"]`);
      await page.keyboard.press('Enter');
    },
    /** Clicks a button of the modal dialog that is showing. */
    async clickDialogButton(label) {
      const button = page.locator('.monaco-dialog-box .monaco-button', { hasText: label }).first();
      await button.waitFor();
      await button.click();
    },
    async close() {
      await browser.close();
      await server.stop();
      rmSync(workspace, { recursive: true, force: true });
    },
  };
}
