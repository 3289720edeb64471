/**
 * Finding again a file that results were made from (a run's scenario, an experiment file and
 * its scenarios), by the SHA-256 recorded when they were made: looked for as recorded, relative
 * to a base folder, the working folder, the results folder and its parents, and Entente's own
 * folder. Only a file with the very bytes recorded is used.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../io/hash.js';
import { parseScenario } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/schema.js';

/** The folder holding Entente itself (where scenarios/ and experiments/ are). */
export const ENTENTE_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/** A source file found again: its path, and whether its bytes are the ones recorded. */
export interface Found<T> {
  /** Where it was looked for first (as recorded). */
  recorded: string;
  status: 'found' | 'changed' | 'missing';
  /** The path it was found at (found or changed). */
  path: string | null;
  value: T | null;
  /** When found but it does not load. */
  problem?: string;
}

/** Candidate paths for a recorded path: as given, under `base`, the working folder, `dir` and its parents, Entente's folder. */
function candidates(file: string, dir: string, base?: string): string[] {
  if (isAbsolute(file)) return [file];
  const out: string[] = [];
  if (base !== undefined) out.push(resolve(base, file));
  out.push(resolve(file));
  for (let d = resolve(dir); ; d = dirname(d)) {
    out.push(join(d, file));
    if (dirname(d) === d) break;
  }
  out.push(join(ENTENTE_ROOT, file));
  return [...new Set(out)];
}

/** Finds a file whose SHA-256 is `sha`; the first candidate that exists is reported when none matches. */
export function findFile(file: string, sha: string, dir: string, base?: string): { status: 'found' | 'changed' | 'missing'; path: string | null; bytes: Buffer | null } {
  let changed: string | null = null;
  for (const c of candidates(file, dir, base)) {
    let bytes: Buffer;
    try {
      if (!statSync(c).isFile()) continue;
      bytes = readFileSync(c);
    } catch {
      continue;
    }
    if (sha256(bytes) === sha) return { status: 'found', path: c, bytes };
    changed ??= c;
  }
  return changed !== null ? { status: 'changed', path: changed, bytes: null } : { status: 'missing', path: null, bytes: null };
}

/** The scenario recorded as `file` with SHA-256 `sha`, looked for near `dir` (and relative to `base`). */
export function findScenario(file: string, sha: string, dir: string, base?: string): Found<Scenario> {
  const f = findFile(file, sha, dir, base);
  if (f.status !== 'found' || f.bytes === null) return { recorded: file, status: f.status, path: f.path, value: null };
  const loaded = parseScenario(f.bytes.toString('utf8'), f.path!);
  if (!loaded.ok) return { recorded: file, status: 'found', path: f.path, value: null, problem: 'it no longer loads with this version of Entente' };
  return { recorded: file, status: 'found', path: f.path, value: loaded.value };
}

/** Why a scenario found again cannot be used, in words for a caveat; null when it can. */
export function scenarioCaveat(found: Found<Scenario>): string | null {
  if (found.value !== null) return null;
  if (found.status === 'found') return `the scenario file "${found.path}" named in run.json no longer loads`;
  return found.status === 'changed'
    ? `the scenario file "${found.recorded}" named in run.json has changed since the run (its SHA-256 differs)`
    : `the scenario file "${found.recorded}" named in run.json was not found`;
}
