import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';
import * as vscode from 'vscode';

/** Entry point the extension host calls: runs every compiled `*.test.js` beside this file. */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  const grep = process.env.BATCH_STUDIO_TEST_GREP;
  if (grep) mocha.grep(grep);
  for (const file of fs.readdirSync(__dirname).sort()) {
    if (file.endsWith('.test.js')) mocha.addFile(path.join(__dirname, file));
  }
  console.log(`Integration tests running in VS Code ${vscode.version} (${vscode.env.appName}, ${vscode.env.appHost}), Node ${process.version}`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} integration tests failed`)) : resolve()));
  });
}
