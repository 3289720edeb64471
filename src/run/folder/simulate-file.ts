/**
 * `npm run simulate` as a library function: a scenario file in, a run folder out. Reads the
 * file once (its bytes are what is parsed and what run.json's SHA-256 names), refuses up front
 * what would not fit in memory or would land on someone's files, runs, and writes the folder.
 */
import { basename, extname, join, resolve } from 'node:path';
import { parseText, readInputFile } from '../../io/document.js';
import { sha256 } from '../../io/hash.js';
import { gitCommit } from '../../io/git.js';
import { safeComponent } from '../../io/output.js';
import { optionProblem, type LoadResult, type Problem } from '../../io/problem.js';
import { scenarioLimits } from '../../scenario/limits.js';
import { Scenario } from '../../scenario/schema.js';

export { MAX_STATES, scenarioLimits } from '../../scenario/limits.js';
import { MODEL_VERSION } from '../../version.js';
import { hypothesisName, parseHypothesis } from '../../world/hypothesis.js';
import { simulate, type RunResult } from '../simulate.js';
import { planRunFolder, writeRunFolder, type RunManifest } from './write.js';

/** At most this much memory for every pair's trust at every step (`--pairs`): steps x states² x 8 bytes. */
export const MAX_PAIR_TRUST_BYTES = 1024 ** 3;

/** A scenario file read for a run: the validated scenario and the SHA-256 of its bytes. */
export function loadRunScenario(file: string): LoadResult<{ scenario: Scenario; sha256: string }> {
  const bytes = readInputFile(file);
  if (!bytes.ok) return bytes;
  const parsed = parseText(bytes.value.toString('utf8'), file, Scenario, scenarioLimits);
  return parsed.ok ? { ok: true, value: { scenario: parsed.value, sha256: sha256(bytes.value) } } : parsed;
}

export interface RunToFolderOptions {
  /** The scenario file, as recorded in run.json. */
  file: string;
  scenario: Scenario;
  /** SHA-256 of the scenario file's bytes. */
  sha256: string;
  /** Default: the scenario's run.seed. */
  seed?: string | number;
  /** Default: the scenario's run.hypothesis. */
  hypothesis?: string;
  /** Default: the scenario's calendar.steps. */
  steps?: number;
  /** Output folder; default `out/<scenario file name>/<hypothesis>-seed<seed>` (each part made safe). */
  out?: string;
  pairs: boolean;
  events: boolean;
  /** Replace another run in the folder (and what was derived from it). */
  overwrite: boolean;
  /** The command line recorded in run.json. */
  command: string;
}

/** The folder a run goes to when no `--out` is given: every part made safe as a path component. */
export function defaultRunFolder(file: string, hypothesis: string, seed: string | number): string {
  return join('out', safeComponent(basename(file, extname(file))), safeComponent(`${hypothesis}-seed${seed}`));
}

/** Runs a scenario and writes its run folder; problems (bad limits, the folder) before running when they can be told. */
export function runToFolder(o: RunToFolderOptions): LoadResult<{ dir: string; result: RunResult }> {
  const seed = o.seed ?? o.scenario.run.seed;
  const hypothesis = hypothesisName(parseHypothesis(o.hypothesis ?? o.scenario.run.hypothesis));
  const steps = o.steps ?? o.scenario.calendar.steps;
  const dir = resolve(o.out ?? defaultRunFolder(o.file, hypothesis, seed));
  const problems: Problem[] = [];
  const n = o.scenario.states.length;
  if (o.pairs && (steps + 1) * n * n * 8 > MAX_PAIR_TRUST_BYTES) {
    problems.push(optionProblem('--pairs', `would keep ${steps + 1} rows (the initial state and ${steps} steps) x ${n}² pairs of trust in memory (${((steps + 1) * n * n * 8 / 1024 ** 3).toFixed(1)} GB; at most ${MAX_PAIR_TRUST_BYTES / 1024 ** 3} GB): use fewer --steps, or leave out --pairs`));
  }
  const manifest = (result: RunResult, wallMs: number): RunManifest => ({
    scenario: { name: o.scenario.name, file: o.file, sha256: o.sha256 },
    seed: result.seed, hypothesis: result.hypothesis, steps: result.world.steps, modelVersion: MODEL_VERSION,
    gitCommit: gitCommit(), node: process.version, rng: result.rngAlgorithm, wallTimeMs: Math.round(wallMs * 1000) / 1000, command: o.command,
  });
  // The folder is checked before the run, with the identity the run will have.
  const plan = planRunFolder(dir, { scenario: { name: o.scenario.name, file: o.file, sha256: o.sha256 }, seed, hypothesis, steps, modelVersion: MODEL_VERSION }, o);
  if (!plan.ok) problems.push(...plan.problems);
  if (problems.length > 0) return { ok: false, problems };
  const started = performance.now();
  const result = simulate(o.scenario, { seed, hypothesis: o.hypothesis, steps, pairs: o.pairs, events: o.events });
  const written = writeRunFolder(dir, result, manifest(result, performance.now() - started), { events: o.events, pairs: o.pairs, overwrite: o.overwrite });
  return written.ok ? { ok: true, value: { dir, result } } : written;
}
