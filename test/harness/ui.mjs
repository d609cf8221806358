// UI tests: playwright-core drives Debian chromium against a real VS Code (code-server) with the built
// extension installed, clicking as a user would. Screenshots go to a temp folder the run prints.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { root } from './tools.mjs';
import { buildOnce, countMochaSpec, listFiles } from './unit.mjs';

/** Runs test/ui/*.ui.test.mjs with mocha; each file starts its own VS Code (see test/ui/workbench.mjs). */
export function runUiTests(extraArgs = []) {
  const files = listFiles(path.join(root, 'test', 'ui'), '.ui.test.mjs');
  if (files.length === 0) return { exitCode: 0, passed: 0, failed: 0, pending: 0 };
  const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const result = spawnSync(
    process.execPath,
    [mocha, '--reporter', 'spec', '--timeout', '180000', process.stdout.isTTY ? '--color' : '--no-color', ...extraArgs, ...files],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  process.stdout.write(result.stdout);
  return { exitCode: result.status ?? 1, ...countMochaSpec(result.stdout) };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  buildOnce();
  process.exit(runUiTests(process.argv.slice(2)).exitCode);
}
