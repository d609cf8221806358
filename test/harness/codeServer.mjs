// Starts a real VS Code (code-server 4.139.1, VS Code 1.139.1) on a free loopback port with a throwaway
// profile, and stops it by killing its process group. Shared by the integration runner, the UI tests and
// `npm run demo`. Everything VS Code and Chromium write goes into one temp dir.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { codeServerEntry, ensureHarnessTools, node24, root } from './tools.mjs';

/** Process groups of running servers: killed when this process exits, however it exits. */
const liveGroups = new Set();
process.once('exit', () => {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Runners call this so Ctrl-C or a CI timeout still takes the servers down (through the exit hook). */
export function exitOnSignals() {
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) process.once(signal, () => process.exit(code));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited early with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`code-server did not answer ${url} within ${timeoutMs / 1000} s`);
}

/**
 * VS Code switches to a display language only when a language pack for it is installed, and the packs come
 * from the Marketplace, out of reach offline. This one declares the language with no translations of its
 * own: VS Code's own texts stay English, and each extension shows its package.nls.<locale>.json and
 * l10n/bundle.l10n.<locale>.json, which is what the extension's tests need to see.
 */
function installLanguageStub(extensionsDir, userDataDir, locale) {
  const dir = path.join(extensionsDir, `batch-studio-test.language-stub-${locale}-1.0.0`);
  mkdirSync(path.join(dir, 'translations'), { recursive: true });
  const localization = { languageId: locale, languageName: locale, localizedLanguageName: locale, translations: [{ id: 'vscode', path: './translations/main.i18n.json' }] };
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `language-stub-${locale}`, publisher: 'batch-studio-test', version: '1.0.0', engines: { vscode: '*' }, categories: ['Language Packs'], contributes: { localizations: [localization] } }),
  );
  const translations = path.join(dir, 'translations', 'main.i18n.json');
  writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  // The server resolves its language from this cache before it scans extensions: write it up front.
  writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({ [locale]: { hash: `stub-${locale}`, label: locale, extensions: [{ extensionIdentifier: { id: `batch-studio-test.language-stub-${locale}` }, version: '1.0.0' }], translations: { vscode: translations } } }),
  );
}

/**
 * @param {{workspace: string, smokeTestDriver?: boolean, installExtension?: boolean, settings?: object,
 *          onOutput?: (line: string) => void, port?: number, locale?: string}} options
 * `installExtension` links the working tree into the profile's extensions (for the demo and UI tests;
 * the integration suite loads it as the extension under development instead).
 */
export async function startCodeServer(options) {
  ensureHarnessTools();
  const tempDir = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-vscode-'));
  const userDataDir = path.join(tempDir, 'user-data');
  const extensionsDir = path.join(tempDir, 'extensions');
  mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  if (options.installExtension) {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    symlinkSync(root, path.join(extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`), 'dir');
  }
  writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({
      'telemetry.telemetryLevel': 'off',
      'workbench.startupEditor': 'none',
      'extensions.autoUpdate': false,
      'extensions.autoCheckUpdates': false,
      'chat.disableAIFeatures': true,
      'workbench.tips.enabled': false,
      'security.workspace.trust.enabled': false,
      'git.openRepositoryInParentFolders': 'never',
      'workbench.secondarySideBar.defaultVisibility': 'hidden',
      ...options.settings,
    }),
  );
  const port = options.port ?? (await freePort());
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
  if (options.smokeTestDriver) args.push('--vscode-option', 'enable-smoke-test-driver');
  // The display language, e.g. `zh-cn`: extensions read their package.nls.<locale>.json and l10n bundle.
  if (options.locale) {
    installLanguageStub(extensionsDir, userDataDir, options.locale);
    args.push('--locale', options.locale);
  }
  args.push(options.workspace);
  // Tests never see a real key: profiles without a stored one must behave as they would on a fresh machine.
  const { OPENAI_API_KEY: _openai, AZURE_OPENAI_API_KEY: _azure, BATCH_STUDIO_API_KEY: _own, ...inherited } = process.env;
  const env = {
    ...inherited,
    HOME: tempDir,
    TMPDIR: tempDir,
    XDG_CONFIG_HOME: path.join(tempDir, '.config'),
    XDG_CACHE_HOME: path.join(tempDir, '.cache'),
    XDG_DATA_HOME: path.join(tempDir, '.local', 'share'),
    XDG_RUNTIME_DIR: tempDir,
  };
  const child = spawn(node24, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);
  child.once('exit', () => liveGroups.delete(child.pid));
  const relay = (chunk) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) options.onOutput?.(line);
  };
  child.stdout.on('data', relay);
  child.stderr.on('data', relay);
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
  };
  try {
    await waitForHealth(`${origin}/healthz`, child, 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { origin, port, tempDir, stop };
}

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];
