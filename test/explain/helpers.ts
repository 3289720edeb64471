/**
 * Shared by the explain tests: the commands run as child processes (their real interface), and
 * run folders written by the real `npm run simulate`.
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { expect } from 'vitest';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Runs `src/cli/<script>.ts` with tsx in a child process. */
export function cli(script: 'simulate' | 'explain', args: string[], cwd = ROOT): SpawnSyncReturns<string> {
  const r = spawnSync(process.execPath, ['--import', TSX, join(ROOT, 'src', 'cli', `${script}.ts`), ...args], { cwd, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

/** Writes a run folder with `npm run simulate` (run from the repository, as a user would). */
export function simulateTo(dir: string, scenario: string, args: string[] = []): string {
  const r = cli('simulate', [scenario, '--out', dir, '--quiet', ...args]);
  expect(r.status, `simulate ${scenario} ${args.join(' ')} failed:\n${r.stderr}`).toBe(0);
  return dir;
}

export const logit = (p: number): number => Math.log(p) - Math.log1p(-p);
export const sigmoid = (l: number): number => 1 / (1 + Math.exp(-l));
