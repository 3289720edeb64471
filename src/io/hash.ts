/**
 * SHA-256, the one hash the tool uses to name inputs (scenario and experiment files, the code)
 * and to check outputs (the files a manifest lists, the batches of an experiment).
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync } from 'node:fs';

/** SHA-256 of bytes or of a string's UTF-8 bytes, as 64 hex digits. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** SHA-256 of a file's bytes, read in chunks (a large file is never held in memory at once). */
export function sha256File(file: string): string {
  const hash = createHash('sha256');
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(1 << 20);
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) hash.update(buf.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest('hex');
}

/** An incremental SHA-256, for bytes that pass by in chunks (a file being streamed to disk). */
export function sha256Hasher(): { update(data: string | Uint8Array): void; hex(): string } {
  const hash = createHash('sha256');
  return { update: (data) => { hash.update(data); }, hex: () => hash.digest('hex') };
}
