// `npm run bench`: runs every compiled benchmark (out/test/bench/*.bench.js) in its own Node process, so
// one benchmark's memory does not colour another's, and prints what each reports.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { root } from './tools.mjs';
import { listFiles } from './unit.mjs';

const only = process.argv[2];
const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`);
let failed = 0;
for (const file of listFiles(path.join(root, 'out', 'test', 'bench'), '.bench.js')) {
  if (only && !file.includes(only)) continue;
  console.log(`\n## ${path.basename(file, '.bench.js')}`);
  const result = spawnSync(process.execPath, ['--expose-gc', file], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
