import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { repoRoot } from './support';

const cli = path.join(repoRoot, 'dist', 'cli.js');

describe('batch-studio emulator (CLI)', () => {
  it('prints its URL as the first line, serves, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli, 'emulator', '--port', '0', '--seed', '1', '--time-scale', '1000'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const [firstLine] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
      const match = /^Batch emulator listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/.exec(firstLine);
      assert.ok(match, firstLine);
      const response = await fetch(`${match[1]}/batches`, { headers: { authorization: 'Bearer any' } });
      assert.equal(response.status, 200);
      assert.deepEqual(await response.json(), { object: 'list', data: [], has_more: false });
      child.kill('SIGTERM');
      const [code] = (await once(child, 'exit')) as [number | null];
      assert.equal(code, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('exits 2 on a usage error', async () => {
    const child = spawn(process.execPath, [cli, 'emulator', '--fail-rate', '3'], { stdio: 'ignore' });
    const [code] = (await once(child, 'exit')) as [number | null];
    assert.equal(code, 2);
  });
});
