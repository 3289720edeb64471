/**
 * Durable writes, the way every writer of the tool writes: bytes go to a temporary file beside
 * their place, are synced to the device, and are renamed over the old file (the folder synced
 * too), so a stop or a power loss leaves the old file or the new one, never a half-written file
 * that looks complete. Temporaries a stopped process left are recognised by name and removed.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Problem } from './document.js';

/**
 * What a file is written from: its bytes, a sequence of chunks (written one at a time, so a
 * large file is never held as one string), or a function called when its turn comes (a
 * manifest that records the files written before it).
 */
export type Contents = string | Uint8Array | Iterable<string | Uint8Array> | (() => string | Uint8Array);

/** A failed write as a problem: the file and the cause in words. */
export function writeProblem(e: unknown, fallback: string): Problem {
  const err = e as NodeJS.ErrnoException;
  const causes: Record<string, string> = {
    ENOSPC: 'no space left on the device', EDQUOT: 'disk quota exceeded', EACCES: 'permission denied', EPERM: 'operation not permitted',
    EROFS: 'read-only file system', ENOTDIR: 'a part of the path is a file, not a folder', ENOENT: 'a folder on the path does not exist (a dangling link?)',
    EISDIR: 'is a folder', EEXIST: 'already exists', EIO: 'input/output error',
  };
  const cause = (err.code !== undefined && causes[err.code]) || (err instanceof Error ? err.message : String(e));
  return { file: err.path ?? fallback, path: '', line: 0, column: 0, message: `cannot be written (${cause}${err.code !== undefined ? `, ${err.code}` : ''}); nothing was replaced` };
}

/** The temporary name a file is written under before it is renamed into place. */
export function temporaryName(file: string): string {
  return join(dirname(file), `.${file.slice(dirname(file).length + 1)}.tmp-${process.pid}`);
}

const TEMPORARY = /^\..+\.tmp-(\d+)$/;

/** Removes temporary files (`.NAME.tmp-PID`) that a stopped process of Entente left in `dir`. */
export function removeStaleTemporaries(dir: string): string[] {
  const removed: string[] = [];
  if (!existsSync(dir)) return removed;
  for (const name of readdirSync(dir)) {
    const m = TEMPORARY.exec(name);
    if (m === null || alive(Number(m[1]))) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed.push(name);
  }
  return removed;
}

function alive(pid: number): boolean {
  if (pid === process.pid) return false;
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** Writes contents (bytes, chunks, or a function giving them) and syncs them to the device before returning. */
export function writeSynced(file: string, data: Contents): void {
  const fd = openSync(file, 'w');
  try {
    const write = (piece: string | Uint8Array) => {
      const bytes = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      let at = 0;
      while (at < bytes.length) at += writeSync(fd, bytes, at, bytes.length - at);
    };
    if (typeof data === 'function') write(data());
    else if (typeof data === 'string' || data instanceof Uint8Array) write(data);
    else for (const piece of data) write(piece);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Syncs a folder's entries (a rename inside it) to the device; a no-op where folders cannot be synced. */
export function syncFolder(dir: string): void {
  let fd: number;
  try { fd = openSync(dir, 'r'); } catch { return; }
  try { fsyncSync(fd); } catch { /* some file systems refuse to sync a folder */ } finally { closeSync(fd); }
}

/** Replaces `file` with `data` as one step: written beside it, synced, renamed, folder synced. */
export function writeFileAtomic(file: string, data: Contents): void {
  const tmp = temporaryName(file);
  try {
    writeSynced(tmp, data);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  syncFolder(dirname(file));
}
