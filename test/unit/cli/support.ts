import { spawn } from 'node:child_process';
import path from 'node:path';
import { repoRoot } from '../providers/support';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js) with a clean environment plus `env`. */
export function runCli(args: string[], env: Record<string, string>, cwd = repoRoot): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist', 'cli.js'), ...args], { cwd, env: { PATH: process.env.PATH ?? '', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

export const lastLine = (text: string): string | undefined => text.trim().split('\n').at(-1);

/** One clear line on stderr, never a stack trace. */
export function isOneCleanLine(stderr: string): boolean {
  return stderr.trim().split('\n').length === 1 && !/\n\s+at /.test(stderr);
}
