/** Reading an input file's bytes, refusing what is not a regular file of a sane size. */
import { closeSync, constants as fsConstants, fstatSync, openSync, readSync } from 'node:fs';
import type { LoadResult } from './problem-format.js';

/** An input file (a scenario, an experiment) larger than this is refused before it is parsed. */
export const MAX_INPUT_BYTES = 8 * 1024 * 1024;

/**
 * Reads an input file's bytes: a regular file of at most `maxBytes` (default MAX_INPUT_BYTES).
 * A folder, a device or a pipe (`/dev/zero`, a FIFO) is refused, never read without end.
 */
export function readInputFile(file: string, maxBytes = MAX_INPUT_BYTES): LoadResult<Buffer> {
  const fail = (message: string): LoadResult<Buffer> => ({ ok: false, problems: [{ file, path: '', line: 0, column: 0, message }] });
  let fd: number;
  try {
    // Non-blocking: opening a FIFO with no writer would otherwise wait for one.
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, expected a file' : `cannot be read (${code ?? String(e)})`);
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) return fail('is a directory, expected a file');
    if (!st.isFile()) return fail('is not a regular file (a device, a pipe or a socket); expected a scenario or experiment file');
    if (st.size > maxBytes) return fail(`is too large (${(st.size / 2 ** 20).toFixed(1)} MB; an input file may have at most ${maxBytes / 2 ** 20} MB)`);
    // Read at most one byte past the limit: a file that grows while it is read is refused too.
    const buf = Buffer.alloc(Math.min(st.size, maxBytes) + 1);
    let n = 0;
    for (let r = 1; r > 0 && n < buf.length;) { r = readSync(fd, buf, n, buf.length - n, null); n += r; }
    if (n > maxBytes) return fail(`is too large (more than ${maxBytes / 2 ** 20} MB)`);
    return { ok: true, value: buf.subarray(0, n) };
  } catch (e) {
    return fail(`cannot be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  } finally {
    closeSync(fd);
  }
}
