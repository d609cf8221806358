// `npm run test:desktop`: the integration suite in desktop VS Code through @vscode/test-electron, for
// machines that have one. VSCODE_EXECUTABLE_PATH names the VS Code binary; without it test-electron
// downloads one, which needs the internet (this project's CI uses the code-server runner instead).
import path from 'node:path';
import { mkdtempSync, cpSync } from 'node:fs';
import os from 'node:os';
import { runTests } from '@vscode/test-electron';
import { root } from './tools.mjs';
import { buildOnce } from './unit.mjs';

buildOnce();
const workspace = mkdtempSync(path.join(os.tmpdir(), 'batch-studio-workspace-'));
cpSync(path.join(root, 'examples'), path.join(workspace, 'examples'), { recursive: true });
try {
  await runTests({
    vscodeExecutablePath: process.env.VSCODE_EXECUTABLE_PATH || undefined,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(root, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    extensionTestsEnv: { BATCH_STUDIO_TEST: '1' },
  });
} catch (error) {
  console.error(`desktop integration tests failed: ${error.message}`);
  process.exit(1);
}
