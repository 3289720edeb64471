/**
 * An experiment file expanded into its plan: the scenarios (read and validated, with their
 * hashes), the parameter sets, the hypotheses, the replications, every run's seed and where
 * its results go. The plan is a pure function of the files' bytes and the model version; its
 * key tells whether an interrupted run, a shard or a merge belongs to the same experiment.
 * Run numbering and the data layout are in layout.ts, the code hash in code-hash.ts.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import seedrandom from 'seedrandom';
import { loadFile, type LoadResult, type Problem } from '../io/document.js';
import { sha256 } from '../io/hash.js';
import { INTEGER_PARAMETERS } from '../model/params.js';
import { Scenario } from '../scenario/schema.js';
import { MODEL_VERSION } from '../version.js';
import { applySet } from './conditions.js';
import { codeHash } from './code-hash.js';
import { BATCH_SIZE, type RunCoords } from './layout.js';
import { METRICS, RECORD_WIDTH, TRACE_WIDTH, type MetricDef } from './metrics.js';
import { checkMargins, checkVariations, Experiment } from './schema.js';
import { scenarioLimits } from '../scenario/limits.js';

export { codeHash } from './code-hash.js';
export { BATCH_SIZE, runCoords, runIndex, traceAt, traceOffsets, type Layout, type RunCoords } from './layout.js';

export interface PlanScenario {
  /** As written in the experiment file. */
  file: string;
  name: string;
  sha256: string;
  steps: number;
  scenario: Scenario;
}

export interface Plan {
  experimentFile: string;
  experimentSha256: string;
  experiment: Experiment;
  scenarios: PlanScenario[];
  /** Parameter sets: condition name -> value; `{}` is the scenario as written. */
  sets: Record<string, number>[];
  /** Names of the conditions that vary, in column order. */
  conditionNames: string[];
  hypotheses: string[];
  replications: number;
  runs: number;
  batches: number;
  metrics: MetricDef[];
  /** sha256 of everything that decides the results (files, expansion, model version). */
  key: string;
}

/** Reads the experiment and its scenarios; every problem in every file is reported. */
export function loadPlan(file: string, overrides: { replications?: number } = {}): LoadResult<Plan> {
  const base = dirname(resolve(file));
  // Each scenario file is read once, for the name check and for the plan.
  const seen = new Map<string, LoadResult<Scenario>>();
  const load = (full: string): LoadResult<Scenario> => {
    let r = seen.get(full);
    if (r === undefined) { r = loadFile(full, Scenario, scenarioLimits); seen.set(full, r); }
    return r;
  };
  const loaded = loadFile(file, Experiment, (data) => {
    const found = [...checkVariations(data), ...checkMargins(data)];
    const list = typeof data === 'object' && data !== null ? (data as { scenarios?: unknown }).scenarios : undefined;
    if (Array.isArray(list)) {
      const names = new Map<string, number>();
      list.forEach((rel, i) => {
        if (typeof rel !== 'string' || rel === '') return;
        const full = resolve(base, rel);
        if (!existsSync(full)) { found.push({ path: ['scenarios', i], message: `no such scenario file: ${full}` }); return; }
        if (!statSync(full).isFile()) { found.push({ path: ['scenarios', i], message: `not a file: ${full}` }); return; }
        // Runs are told apart (and seeded) by scenario name: two scenarios with one name would mix.
        const s = load(full);
        if (!s.ok) return; // reported with the scenario's own file name below
        const first = names.get(s.value.name);
        if (first !== undefined) found.push({ path: ['scenarios', i], message: `has the same name as scenarios[${first}] ("${s.value.name}"); list each scenario once, and give different scenarios different names` });
        else names.set(s.value.name, i);
      });
    }
    return found;
  });
  if (!loaded.ok) return loaded;
  const experiment = overrides.replications === undefined ? loaded.value : { ...loaded.value, replications: overrides.replications };
  const problems: Problem[] = [];
  const scenarios: PlanScenario[] = [];
  for (const rel of experiment.scenarios) {
    const full = resolve(base, rel);
    const s = load(full);
    if (!s.ok) { problems.push(...s.problems); continue; }
    const steps = experiment.steps ?? s.value.calendar.steps;
    scenarios.push({ file: rel, name: s.value.name, sha256: sha256(readFileSync(full)), steps, scenario: s.value });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: buildPlan(file, sha256(readFileSync(file)), experiment, scenarios) };
}

export function buildPlan(file: string, fileSha: string, experiment: Experiment, scenarios: PlanScenario[]): Plan {
  const sets = expandSets(experiment);
  const conditionNames = [...new Set(sets.flatMap((s) => Object.keys(s)))];
  const hypotheses = [...new Set(experiment.hypotheses)];
  const runs = scenarios.length * sets.length * experiment.replications * hypotheses.length;
  const metrics = METRICS.filter((m) => experiment.metrics === undefined || experiment.metrics.includes(m.name));
  const keyed = {
    model: MODEL_VERSION, code: codeHash(), experiment: fileSha, scenarios: scenarios.map((s) => [s.file, s.sha256, s.steps]),
    sets, hypotheses, replications: experiment.replications, batch: BATCH_SIZE, record: RECORD_WIDTH, trace: TRACE_WIDTH,
    seeds: experiment.seeds,
  };
  return {
    experimentFile: file, experimentSha256: fileSha, experiment, scenarios, sets, conditionNames, hypotheses,
    replications: experiment.replications, runs, batches: Math.ceil(runs / BATCH_SIZE), metrics,
    key: sha256(JSON.stringify(keyed)),
  };
}

/** Parameter sets in a fixed order: grid (last condition fastest), list as given, or a Latin hypercube. */
export function expandSets(e: Experiment): Record<string, number>[] {
  const v = e.variations;
  if (v?.grid !== undefined) {
    let sets: Record<string, number>[] = [{}];
    for (const [name, values] of Object.entries(v.grid)) sets = sets.flatMap((s) => values.map((x) => ({ ...s, [name]: x })));
    return sets;
  }
  if (v?.list !== undefined) return v.list.map((s) => ({ ...s }));
  if (v?.latinHypercube !== undefined) return latinHypercube(v.latinHypercube.samples, v.latinHypercube.ranges, String(v.latinHypercube.seed ?? e.baseSeed));
  return [{}];
}

/**
 * McKay's Latin hypercube: each range cut into `samples` equal strata, one point per stratum in
 * each dimension, strata paired by seeded random permutations, the point uniform inside its cell.
 * A whole-number parameter (`INTEGER_PARAMETERS`, e.g. `parameters.maxActsPerStep`) takes the
 * whole number whose unit cell [v, v + 1) over [lo, hi + 1) holds the point, so every value from
 * lo to hi is equally likely and the strata stay balanced; the draws are the same either way.
 */
export function latinHypercube(samples: number, ranges: Record<string, [number, number]>, seed: string): Record<string, number>[] {
  const rng = seedrandom.alea(`entente|lhs|${seed}`);
  const sets: Record<string, number>[] = Array.from({ length: samples }, () => ({}));
  for (const [name, [lo, hi]] of Object.entries(ranges)) {
    const perm = Array.from({ length: samples }, (_, i) => i);
    for (let i = samples - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [perm[i], perm[j]] = [perm[j], perm[i]];
    }
    const whole = name.startsWith('parameters.') && INTEGER_PARAMETERS.has(name.slice('parameters.'.length));
    for (let k = 0; k < samples; k++) {
      const u = (perm[k] + rng()) / samples;
      sets[k][name] = whole ? Math.min(hi, lo + Math.floor(u * (hi - lo + 1))) : lo + u * (hi - lo);
    }
  }
  return sets;
}

/** How replication seeds are shared between parameter sets (the experiment file's `seeds`). */
export type SeedsMode = 'common' | 'per-set';

/**
 * A run's seed under `seeds: common` (the default): from (base seed, scenario, replication),
 * neither the hypothesis nor the parameter set, so that hypotheses and parameter sets alike are
 * compared on the same dice (common random numbers): replication r of every set and every
 * hypothesis starts from one seed. The first 48 bits of a SHA-256, as an integer.
 */
export function runSeed(baseSeed: string | number, scenarioName: string, replication: number): number {
  return Number.parseInt(sha256(`entente|experiment|${baseSeed}|${scenarioName}|rep${replication}`).slice(0, 12), 16);
}

/**
 * A run's seed under `seeds: per-set`: from (base seed, scenario, parameter set, replication),
 * the rule before the `seeds` option (so older results can be reproduced): hypotheses share
 * their dice, parameter sets do not.
 */
export function perSetSeed(baseSeed: string | number, scenarioName: string, set: number, replication: number): number {
  return Number.parseInt(sha256(`entente|experiment|${baseSeed}|${scenarioName}|set${set}|rep${replication}`).slice(0, 12), 16);
}

/**
 * The seed of replication `replication` of parameter set `set` of a scenario, by the plan's
 * seeds mode: {@link runSeed} for `common`, {@link perSetSeed} for `per-set`. A plan.json
 * written before the option (no `seeds`) was per-set.
 */
export function seedOf(p: { baseSeed: string | number; seeds?: SeedsMode }, scenarioName: string, set: number, replication: number): number {
  return (p.seeds ?? 'per-set') === 'common' ? runSeed(p.baseSeed, scenarioName, replication) : perSetSeed(p.baseSeed, scenarioName, set, replication);
}

/** The scenario a run uses: its parameter set applied. */
export function runScenario(p: Plan, c: RunCoords): Scenario {
  return applySet(p.scenarios[c.scenario].scenario, p.sets[c.set]);
}
