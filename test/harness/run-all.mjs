// `npm test`: type check, lint, build, unit tests in plain Node, then the integration suite inside a real
// VS Code and the UI tests. The last line is the totals over all suites: `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { root } from './tools.mjs';
import { buildOnce, runUnitTests } from './unit.mjs';
import { runIntegrationTests } from './integration.mjs';
import { runUiTests } from './ui.mjs';
import { exitOnSignals } from './codeServer.mjs';

exitOnSignals();

let sectionStarted = 0n;
/** Starts a section; the previous one's line says how long it took (a cold first run installs inside one). */
function section(title) {
  endSection();
  console.log(`\n=== ${title} ===`);
  sectionStarted = process.hrtime.bigint();
}
function endSection() {
  if (sectionStarted) console.log(`(${(Number(process.hrtime.bigint() - sectionStarted) / 1e9).toFixed(1)} s)`);
}

let passed = 0;
let failed = 0;
let skipped = 0;
let exitCode = 0;

section('type check (tsc --noEmit)');
const typecheck = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], { cwd: root, stdio: 'inherit' });
if (typecheck.status !== 0) {
  console.log('type check failed');
  failed++;
  exitCode = 1;
} else {
  console.log('type check passed');
}

section('lint (eslint)');
const lint = spawnSync(process.execPath, ['node_modules/eslint/bin/eslint.js', '.'], { cwd: root, stdio: 'inherit' });
if (lint.status !== 0) {
  console.log('lint failed');
  failed++;
  exitCode = 1;
} else {
  console.log('lint passed');
}

section('build');
buildOnce();

section('unit tests (mocha, Node)');
const unit = runUnitTests();
passed += unit.passed;
failed += unit.failed;
skipped += unit.pending;
if (unit.exitCode !== 0) exitCode = 1;

section('integration tests (mocha in a real VS Code extension host)');
try {
  const integration = await runIntegrationTests();
  passed += integration.passed;
  failed += integration.failed;
  skipped += integration.pending;
  if (integration.exitCode !== 0) {
    exitCode = 1;
    if (integration.failed === 0) failed++; // the host never reported: count the suite itself
  }
} catch (error) {
  console.log(`integration tests could not run: ${error.message}`);
  failed++;
  exitCode = 1;
}

section('UI tests (playwright-core clicks in a real VS Code)');
try {
  const ui = runUiTests();
  passed += ui.passed;
  failed += ui.failed;
  skipped += ui.pending;
  if (ui.exitCode !== 0) {
    exitCode = 1;
    if (ui.failed === 0) failed++;
  }
} catch (error) {
  console.log(`UI tests could not run: ${error.message}`);
  failed++;
  exitCode = 1;
}

endSection();
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(exitCode);
