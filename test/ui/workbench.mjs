// A VS Code workbench in headless chromium for UI tests: code-server with the built extension installed
// (not the smoke-test driver, so notifications show), and the small vocabulary of user actions.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumArgs, exitOnSignals, startCodeServer } from '../harness/codeServer.mjs';

exitOnSignals();
import { chromiumPath, root } from '../harness/tools.mjs';

/**
 * Where a test's screenshot named `name` goes: `$BATCH_STUDIO_SCREENSHOTS` (`npm run screenshots` points it at
 * media/screenshots, the README's pictures), else a fresh temp folder the test prints.
 */
export function screenshotPath(name) {
  const folder = process.env.BATCH_STUDIO_SCREENSHOTS ? path.resolve(root, process.env.BATCH_STUDIO_SCREENSHOTS) : mkdtempSync(path.join(os.tmpdir(), 'batch-studio-screenshots-'));
  mkdirSync(folder, { recursive: true });
  return path.join(folder, name);
}

/** `batch-studio emulator` in its own process (it outlives a window reload), with extra CLI `args`. */
export async function startCliEmulator(args = []) {
  const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'emulator', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'ignore'] });
  let output = '';
  for await (const chunk of child.stdout) {
    output += chunk;
    const baseUrl = /listening on (\S+)/.exec(output)?.[1];
    if (baseUrl) return { baseUrl, stop: () => child.kill() };
  }
  throw new Error(`the emulator exited without listening: ${output}`);
}

export async function openWorkbench({ settings = {}, locale } = {}) {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-ui-'));
  cpSync(path.join(root, 'examples'), workspace, { recursive: true });
  const server = await startCodeServer({ workspace, installExtension: true, settings, locale });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
  const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
  await page.goto(`${server.origin}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench .part.editor', { timeout: 60_000 });
  /**
   * Opens the quick input with `key`, waits until it has the keyboard focus (typing earlier would go into
   * the editor), fills in `text` and accepts the row whose label contains `rowLabel`.
   */
  async function quickInput(key, text, rowLabel) {
    await page.keyboard.press(key);
    await page.waitForFunction(() => document.activeElement?.closest('.quick-input-widget') !== null);
    await page.locator('.quick-input-widget input').first().fill(text);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${rowLabel}"]`);
    await page.keyboard.press('Enter');
  }

  return {
    page,
    workspace,
    /** The server's user data, where VS Code writes its logs (the extension's "Batch Studio" channel too). */
    userDataDir: path.join(server.tempDir, 'user-data'),
    /** Opens a workspace file through Quick Open, as a user would. */
    async openFile(name) {
      await quickInput('Control+P', name, name);
      await page.waitForSelector(`.tab.active[aria-label*="${name}"]`);
    },
    /** Runs a command from the Command Palette by its title. */
    async runCommand(title) {
      await quickInput('F1', `>${title}`, title);
    },
    /**
     * The notification whose message matches `pattern`: its toast, or, when VS Code has already hidden the
     * toast (it hides non-error toasts after some seconds), its entry in the notification center.
     */
    async notification(pattern, { toastTimeout = 15_000 } = {}) {
      const toast = page.locator('.notification-toast', { hasText: pattern });
      try {
        await toast.waitFor({ timeout: toastTimeout });
        return toast;
      } catch {
        await quickInput('F1', '>Notifications: Show Notifications', 'Notifications: Show Notifications');
        const entry = page.locator('.notifications-center .notification-list-item', { hasText: pattern });
        await entry.waitFor();
        return entry;
      }
    },
    /** The Batch Studio view's row whose text matches `pattern`, once it shows (the view is opened first). */
    async jobRow(pattern, { timeout = 120_000 } = {}) {
      const view = page.locator('[id="workbench.view.extension.batchStudio"]');
      // Its activity bar icon toggles: a click on it while the view shows would close the side bar.
      if (!(await view.isVisible())) await page.locator('.activitybar .action-item a[aria-label^="Batch Studio"]').first().click();
      const row = view.locator('.monaco-list-row', { hasText: pattern });
      await row.first().waitFor({ timeout });
      return row;
    },
    /** Clicks the quick pick row labelled exactly `label` (other rows may mention it in their details). */
    async pick(label) {
      const exactly = new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      await page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exactly }) }).first().click();
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
