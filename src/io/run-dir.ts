/**
 * Writes a run's files as one unit: everything goes to a fresh temporary folder beside the
 * destination, which then takes the destination's place by rename. An interrupted write leaves
 * the earlier results as they were (or a `.tmp-*` folder to delete), never a half-written file
 * that looks complete.
 *
 * The destination must be new, empty, or an earlier result folder holding nothing but files
 * this command writes: anything else (a user's own files, a regular file, the working folder)
 * is refused before anything is written, so `--out` can never delete a user's work.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** Why `dir` cannot receive results whose files are `ours`, or null when it can. */
export function outputProblem(dir: string, ours: readonly (string | RegExp)[]): string | null {
  if (!existsSync(dir)) return null;
  if (!statSync(dir).isDirectory()) return `"${dir}" is a file, not a folder; choose a new or empty folder`;
  const isOurs = (name: string) => ours.some((o) => (typeof o === 'string' ? o === name : o.test(name)));
  const foreign = readdirSync(dir).filter((name) => !isOurs(name));
  if (foreign.length === 0) return null;
  const shown = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? `, and ${foreign.length - 3} more` : '');
  return `the folder "${dir}" holds files that are not results of this command (${shown}); choose a new or empty folder`;
}

/** Writes `files` into `dir` as one unit; call `outputProblem` first. */
export function writeDirAtomic(dir: string, files: Record<string, string>, ours: readonly (string | RegExp)[] = Object.keys(files)): void {
  const problem = outputProblem(dir, ours);
  if (problem !== null) throw new Error(problem);
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.tmp-${basename(dir)}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
  if (existsSync(dir)) {
    // Only an earlier result (checked above) is moved aside and removed.
    const old = join(parent, `.old-${basename(dir)}-${process.pid}`);
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}
