// `npm run demo`: builds, then serves a real VS Code (code-server) on 127.0.0.1 with the extension
// installed and examples/ open, prints the URL and runs until Ctrl-C.
import path from 'node:path';
import { startCodeServer } from './codeServer.mjs';
import { root } from './tools.mjs';
import { buildOnce } from './unit.mjs';

buildOnce();
const portArg = process.argv.indexOf('--port');
const port = Number(portArg > 0 ? process.argv[portArg + 1] : process.env.BATCH_STUDIO_DEMO_PORT) || undefined;
const workspace = path.join(root, 'examples');
const server = await startCodeServer({ workspace, installExtension: true, port });
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
