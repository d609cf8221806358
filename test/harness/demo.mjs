// `npm run demo`: builds, then serves a real VS Code (code-server) on 127.0.0.1 with the extension
// installed and a copy of examples/ open, prints the URL and runs until Ctrl-C. The "Emulator (local,
// no key)" profile is the default, so submitting works with no key.
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { root } from './tools.mjs';
import { buildOnce } from './unit.mjs';

buildOnce();
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.BATCH_STUDIO_DEMO_PORT) || undefined;
// A fresh copy of examples/, so result and retry files written during the demo stay out of the repository.
const workspace = path.join(root, '.vscode-test', 'demo', 'examples');
rmSync(workspace, { recursive: true, force: true });
cpSync(path.join(root, 'examples'), workspace, { recursive: true });
// The local emulator runs two requests a second so progress and ETA are there to watch.
const server = await startCodeServer({
  workspace,
  installExtension: true,
  port,
  settings: { 'batchStudio.emulator.requestsPerSecond': 2 },
});
console.log(`LLM Batch Studio demo: open ${server.origin}/?folder=${encodeURIComponent(workspace)}`);
console.log('Press Ctrl-C to stop.');
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await server.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
