/**
 * Building the explorer (Vite) into a static folder, only when its inputs changed, and never over
 * files it did not write: the folder gets a stamp, `.entente-web-build.json`, holding the SHA-256
 * of every input (the page, the model's sources, the teaching scenarios, the lockfile), and a
 * folder that is neither empty nor stamped is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout's root (this file is in web/). */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** The default output folder. */
export const DEFAULT_OUT = join(ROOT, 'dist-web');
/** The stamp a build leaves in its folder. */
export const STAMP = '.entente-web-build.json';

const INPUTS = ['web/index.html', 'web/src', 'web/vite.config.ts', 'src', 'scenarios', 'package-lock.json'];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path).sort().flatMap((name) => files(join(path, name)));
}

/** SHA-256 over the inputs' paths and bytes. */
export function inputsHash(): string {
  const h = createHash('sha256');
  for (const input of INPUTS) {
    for (const f of files(join(ROOT, input))) {
      h.update(relative(ROOT, f).split('\\').join('/')).update('\0').update(readFileSync(f)).update('\0');
    }
  }
  return h.digest('hex');
}

export type BuildCheck =
  | { state: 'fresh' }
  | { state: 'stale' | 'missing' }
  | { state: 'foreign'; why: string };

/** Whether `out` holds a build of the current inputs, an older one, nothing, or files of someone else's. */
export function checkOut(out: string, hash = inputsHash()): BuildCheck {
  if (!existsSync(out)) return { state: 'missing' };
  if (!statSync(out).isDirectory()) return { state: 'foreign', why: `${out} is a file, not a folder` };
  const stamp = join(out, STAMP);
  if (!existsSync(stamp)) {
    return readdirSync(out).length === 0
      ? { state: 'missing' }
      : { state: 'foreign', why: `${out} holds files the explorer's build did not write (it has no ${STAMP}); move them, or build into another folder with --out` };
  }
  try {
    const s = JSON.parse(readFileSync(stamp, 'utf8')) as { inputs?: unknown };
    return s.inputs === hash ? { state: 'fresh' } : { state: 'stale' };
  } catch {
    return { state: 'foreign', why: `${stamp} is not a build stamp the explorer wrote; move the folder's files, or build into another folder with --out` };
  }
}

/** Builds the explorer into `out` (checked with `checkOut` first: a foreign folder throws). Returns the build's size in bytes. */
export async function buildWeb(out = DEFAULT_OUT): Promise<{ out: string; bytes: number; files: number }> {
  const target = resolve(out);
  const hash = inputsHash();
  const check = checkOut(target, hash);
  if (check.state === 'foreign') throw new Error(check.why);
  const { build } = await import('vite');
  // Vite builds for the mode NODE_ENV names; a test runner sets it to "test", whose build keeps
  // development-only paths (linkedom's optional canvas) that fail in a browser. Always production.
  const env = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({ configFile: join(ROOT, 'web/vite.config.ts'), mode: 'production', build: { outDir: target, emptyOutDir: true } });
  } finally {
    if (env === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = env;
  }
  writeFileSync(join(target, STAMP), JSON.stringify({ inputs: hash, note: 'written by the Entente explorer build (npm run build:web); the folder is replaced on the next build' }, null, 1) + '\n');
  const all = files(target);
  return { out: target, bytes: all.reduce((a, f) => a + statSync(f).size, 0), files: all.length };
}

/** A size in words: "2.7 MB". */
export function sizeWords(bytes: number): string {
  return bytes >= 1e6 ? `${(bytes / 1e6).toFixed(1)} MB` : `${(bytes / 1e3).toFixed(0)} kB`;
}
