// Runs the integration suite (out/test/integration/index.js) inside a real VS Code extension host:
// code-server with the smoke-test driver, opened in Debian chromium through playwright-core, as
// ../shared/notes/offline-vscode-harness.md describes. The extension host's console (mocha's reporter)
// is relayed here; the run's exit code is the suite's.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { chromiumArgs, exitOnSignals, startCodeServer } from './codeServer.mjs';
import { chromiumPath, root } from './tools.mjs';
import { buildOnce, countMochaSpec } from './unit.mjs';

/** The first line test/integration/index.ts prints. */
const SUITE_BANNER = 'Integration tests running in VS Code';
const RUN_TIMEOUT_MS = Number(process.env.BATCH_STUDIO_TEST_TIMEOUT_MS ?? 15 * 60_000);

/** Copies examples/ into a throwaway workspace so tests may write beside the inputs. */
function makeWorkspace() {
  const workspace = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-workspace-'));
  cpSync(path.join(root, 'examples'), path.join(workspace, 'examples'), { recursive: true });
  return workspace;
}

/** @returns {Promise<{exitCode: number, passed: number, failed: number, pending: number}>} */
export async function runIntegrationTests({ grep } = {}) {
  const workspace = makeWorkspace();
  const server = await startCodeServer({
    workspace,
    smokeTestDriver: true,
    onOutput: (line) => {
      if (process.env.BATCH_STUDIO_HARNESS_VERBOSE) process.stderr.write(`[code-server] ${line}\n`);
    },
  });
  let browser;
  let transcript = '';
  let started = false;
  try {
    const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(root)],
      ['extensionTestsPath', remote(path.join(root, 'out', 'test', 'integration', 'index.js'))],
      ['extensionEnvironment', JSON.stringify({ BATCH_STUDIO_TEST: '1', ...(grep ? { BATCH_STUDIO_TEST_GREP: grep } : {}) })],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const page = await browser.newPage();
    let resolveExit;
    const exited = new Promise((resolve) => (resolveExit = resolve));
    await page.exposeFunction('codeAutomationLog', (_level, args) => {
      const text = format(...(Array.isArray(args) ? args : [args]));
      transcript += `${text}\n`;
      // Workbench chatter before the suite starts is kept for a failed start, not printed.
      if (started || process.env.BATCH_STUDIO_HARNESS_VERBOSE) process.stdout.write(`${text}\n`);
      else if (text.startsWith(SUITE_BANNER)) {
        started = true;
        process.stdout.write(`${text}\n`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code) => resolveExit(Number(code)));
    await page.goto(url);
    const timeout = new Promise((resolve) =>
      setTimeout(() => {
        process.stdout.write(`integration run timed out after ${RUN_TIMEOUT_MS / 1000} s\n`);
        resolve(1);
      }, RUN_TIMEOUT_MS).unref(),
    );
    const exitCode = await Promise.race([exited, timeout]);
    if (!started) process.stdout.write(`The suite never started; the workbench said:\n${transcript}`);
    return { exitCode, ...countMochaSpec(transcript) };
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(workspace, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  exitOnSignals();
  buildOnce();
  const grepIndex = process.argv.indexOf('--grep');
  const result = await runIntegrationTests({ grep: grepIndex > 0 ? process.argv[grepIndex + 1] : undefined });
  process.exit(result.exitCode);
}
