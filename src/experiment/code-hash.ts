/**
 * A hash of Entente's own source and locked dependencies: part of every plan key, so that an
 * experiment is never resumed or merged across versions of the code that could give other
 * numbers, whatever the version number says.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../io/hash.js';

let cached: string | null = null;

/** SHA-256 of every `src/**\/*.ts` (sorted by path, each as `path\0bytes`) and package-lock.json. */
export function codeHash(): string {
  if (cached !== null) return cached;
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else if (e.name.endsWith('.ts')) files.push(rel);
    }
  };
  walk('src');
  const parts: Buffer[] = [];
  for (const f of [...files, 'package-lock.json']) {
    parts.push(Buffer.from(`${f}\0`));
    if (existsSync(join(root, f))) parts.push(readFileSync(join(root, f)));
  }
  cached = sha256(Buffer.concat(parts));
  return cached;
}
