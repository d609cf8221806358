// Runs the unit tests (mocha in plain Node) from the compiled out/test/unit/**. Builds first unless told
// not to (run-all builds once). Extra arguments go to mocha, e.g. `npm run test:unit -- --grep emulator`.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { root } from './tools.mjs';

export function listFiles(dir, suffix) {
  const found = [];
  if (!existsSync(dir)) return found;
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) found.push(...listFiles(full, suffix));
    else if (name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

export function buildOnce() {
  const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('build failed');
}

/** Runs mocha on the unit tests; resolves to {exitCode, passed, failed, pending}. */
export function runUnitTests(extraArgs = []) {
  const files = listFiles(path.join(root, 'out', 'test', 'unit'), '.test.js');
  const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
  const result = spawnSync(process.execPath, [mocha, '--reporter', 'spec', '--timeout', '20000', process.stdout.isTTY ? '--color' : '--no-color', ...extraArgs, ...files], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  process.stdout.write(result.stdout);
  return { exitCode: result.status ?? 1, ...countMochaSpec(result.stdout) };
}

/** Reads the totals of mocha's spec reporter ("N passing", "N failing", "N pending"). */
export function countMochaSpec(text) {
  const number = (word) => Number((text.match(new RegExp(`(\\d+) ${word}`)) ?? [0, 0])[1]);
  return { passed: number('passing'), failed: number('failing'), pending: number('pending') };
}

if (process.argv[1] && import.meta.url.endsWith(path.basename(process.argv[1]))) {
  buildOnce();
  const { exitCode } = runUnitTests(process.argv.slice(2));
  process.exit(exitCode);
}
