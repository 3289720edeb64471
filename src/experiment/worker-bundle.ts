/**
 * The code the experiment's worker threads load. Run from TypeScript sources (through tsx),
 * worker threads would load worker.ts through tsx's CommonJS hook, which runs the model about
 * half as fast as the main thread does; so the worker is bundled once with esbuild (the
 * compiler tsx itself uses) into an ES module under node_modules/.cache, named by the hash of
 * the sources, and the pool loads that. The bundle is the same code: results do not depend on
 * it (the tests compare workers with the main thread, byte for byte).
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { codeHash } from './code-hash.js';

/** Where the worker's code is, and a note when it is the slow path. */
export interface WorkerCode { url: string; slowPath: string | null }

/** The folder bundles are cached in. */
export const BUNDLE_CACHE = fileURLToPath(new URL('../../node_modules/.cache/entente', import.meta.url));

/**
 * The worker's module: the bundle in `cache` (built if missing), or the TypeScript source when it
 * cannot be built, with `slowPath` saying why.
 */
export function workerCode(cache = BUNDLE_CACHE): WorkerCode {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.ts')) return { url: new URL('./worker.js', import.meta.url).href, slowPath: null };
  const source = join(dirname(here), 'worker.ts');
  const out = join(cache, `experiment-worker-${codeHash().slice(0, 16)}.mjs`);
  const tmp = `${out}.tmp-${process.pid}`;
  try {
    if (!existsSync(out)) {
      mkdirSync(dirname(out), { recursive: true });
      buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', outfile: tmp, logLevel: 'silent' });
      renameSync(tmp, out);
    }
    return { url: pathToFileURL(out).href, slowPath: null };
  } catch (e) {
    try { rmSync(tmp, { force: true }); } catch { /* the cache folder itself cannot be made */ }
    // Still correct, only slower: say so rather than run at half speed in silence.
    const cause = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return { url: pathToFileURL(source).href, slowPath: `could not bundle the experiment worker into ${out} (${cause}); the workers load the TypeScript sources through tsx, about half as fast` };
  }
}
