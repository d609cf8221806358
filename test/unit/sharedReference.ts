import { existsSync } from 'node:fs';
import path from 'node:path';

/** The project root, from out/test/unit/ where the compiled tests run. */
const repoRoot = path.resolve(__dirname, '../../..');

/** CI always has ../shared beside the project, so there a missing reference is a broken run, not a skip. */
export function referencesRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.CI !== undefined && !['', '0', 'false'].includes(env.CI.toLowerCase());
}

/**
 * A file or folder of ../shared/reference, read in place (never copied into the project). When it is absent
 * the answer is `undefined` and the caller skips those cases, saying so; under CI it throws instead.
 */
export function sharedReference(relativePath: string, env: NodeJS.ProcessEnv = process.env, base = path.resolve(repoRoot, '../shared/reference')): string | undefined {
  const target = path.join(base, relativePath);
  if (existsSync(target)) return target;
  if (referencesRequired(env)) {
    throw new Error(`${target} is missing: CI runs with the shared reference files beside the project (../shared/reference), so these tests may not skip`);
  }
  return undefined;
}
