/**
 * manifest.json: everything needed to reproduce an experiment's results (files and their
 * SHA-256, seeds, hypotheses, parameter sets, versions of the model, the code and the libraries
 * that decide the numbers, the command line). Written last: until it is in place, the folder's
 * results are not complete.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RNG_ALGORITHM } from '../core/rng.js';
import { gitCommit } from '../io/git.js';
import { MODEL_VERSION } from '../version.js';
import { codeHash } from './code-hash.js';
import type { PlanInfo } from './plan-info.js';

export const MANIFEST_FILE = 'manifest.json';

/** Libraries whose versions the manifest records. */
const LIBRARIES = ['seedrandom', 'zod', 'yaml', 'piscina', 'simple-statistics', 'mathjs', 'esbuild'];

/** Installed versions of the libraries that decide or carry the numbers. */
function libraryVersions(names: string[]): Record<string, string> {
  const modules = fileURLToPath(new URL('../../node_modules/', import.meta.url));
  return Object.fromEntries(names.map((n) => {
    try {
      return [n, (JSON.parse(readFileSync(join(modules, n, 'package.json'), 'utf8')) as { version: string }).version];
    } catch {
      return [n, 'unknown'];
    }
  }));
}

/** The manifest's text; `extra` adds how it was run (command, workers, shard, wall time...). */
export function manifest(info: PlanInfo, extra: Record<string, unknown>): string {
  return JSON.stringify({
    experiment: info.name,
    experimentFile: info.experimentFile,
    experimentSha256: info.experimentSha256,
    scenarios: info.scenarios.map((s) => ({ file: s.file, name: s.name, sha256: s.sha256, steps: s.steps })),
    hypotheses: info.hypotheses,
    parameterSets: info.sets,
    replications: info.replications,
    runs: info.runs,
    baseSeed: info.baseSeed,
    seeds: (info.seeds ?? 'per-set') === 'common'
      ? 'seeds: common; run seed = first 48 bits of SHA-256("entente|experiment|<baseSeed>|<scenario name>|rep<r>"), the same for every hypothesis and parameter set'
      : 'seeds: per-set; run seed = first 48 bits of SHA-256("entente|experiment|<baseSeed>|<scenario name>|set<k>|rep<r>"), the same for every hypothesis',
    rngAlgorithm: RNG_ALGORITHM,
    planKey: info.key,
    codeSha256: codeHash(),
    modelVersion: MODEL_VERSION,
    gitCommit: gitCommit(),
    node: process.version,
    libraries: libraryVersions(LIBRARIES),
    ...extra,
  }, null, 2) + '\n';
}
