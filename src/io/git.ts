/**
 * The git commit of Entente's own working tree, for manifests: which code wrote a result.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The git commit of the working tree, with `+dirty` when it has uncommitted changes; `unknown` outside git. */
export function gitCommit(): string {
  // Ask about Entente's own repository, wherever the command is run from.
  const cwd = fileURLToPath(new URL('../..', import.meta.url));
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return dirty === '' ? head : `${head}+dirty`;
  } catch {
    return 'unknown';
  }
}
