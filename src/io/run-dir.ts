/**
 * Writes a set of files as one unit: everything goes to a fresh temporary folder beside the
 * destination, which then replaces the destination by rename. An interrupted write leaves the
 * earlier results as they were (or a `.tmp-*` folder to delete), never a half-written file that
 * looks complete.
 */
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeDirAtomic(dir: string, files: Record<string, string>): void {
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  const tmp = join(parent, `.tmp-${basename(dir)}-${process.pid}`);
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(tmp, name), text);
  if (existsSync(dir)) {
    const old = join(parent, `.old-${basename(dir)}-${process.pid}`);
    renameSync(dir, old);
    renameSync(tmp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(tmp, dir);
  }
}
