/**
 * One run of an experiment again, in full: its parameter set applied, with its event log and
 * every pair's trust, the same numbers as its row of runs.csv, and the manifest of its run
 * folder (which experiment, run, parameter set and replication it is). The caller writes the
 * run folder (`npm run experiment -- --replay`).
 */
import { dirname, join, relative, resolve } from 'node:path';
import { gitCommit } from '../io/git.js';
import { optionProblem, ProblemError } from '../io/problem.js';
import { simulate, type RunResult } from '../run/simulate.js';
import { MODEL_VERSION } from '../version.js';
import { runCoords } from './layout.js';
import { runScenario, seedOf } from './plan.js';
import { experimentPlan, slug } from './run.js';
import type { RunManifest } from '../run/folder/write.js';

export interface ReplayOptions {
  /** The run number (the run column of runs.csv). */
  run: number;
  replications?: number;
  /** Output folder, for the manifest. Default `out/<experiment name>-run-<run>`. */
  out?: string;
  /** The command line, for the manifest. */
  command?: string;
}

export interface Replay {
  dir: string;
  result: RunResult;
  /** The run folder's run.json (the writer adds the files' records). */
  manifest: RunManifest & { files: string[] };
  /** The files the run folder holds. */
  files: string[];
}

/** Simulates run `run` of the experiment in `file`; a bad run number is a ProblemError. */
export function replayRun(file: string, o: ReplayOptions): Replay {
  const { plan } = experimentPlan(file, { replications: o.replications });
  if (!Number.isInteger(o.run) || o.run < 0 || o.run >= plan.runs) {
    throw new ProblemError([optionProblem('--replay', `expected a run number from 0 to ${plan.runs - 1}, got ${o.run}`)]);
  }
  const c = runCoords(plan, o.run);
  const sc = plan.scenarios[c.scenario];
  const seed = seedOf(plan.experiment, sc.name, c.set, c.replication);
  const dir = o.out ?? join('out', `${slug(plan.experiment.name)}-run-${o.run}`);
  const result = simulate(runScenario(plan, c), { seed, hypothesis: plan.hypotheses[c.hypothesis], steps: sc.steps, pairs: true, events: true });
  const files = ['series.csv', 'events.jsonl', 'final.json', 'pairs.csv'];
  const manifest = {
    scenario: { name: sc.name, file: relative(process.cwd(), resolve(dirname(file), sc.file)), sha256: sc.sha256 },
    seed, hypothesis: result.hypothesis, steps: sc.steps,
    experiment: { file, sha256: plan.experimentSha256, run: o.run, scenario: c.scenario, set: c.set, parameters: plan.sets[c.set], replication: c.replication },
    modelVersion: MODEL_VERSION, gitCommit: gitCommit(), node: process.version, rng: result.rngAlgorithm,
    command: o.command ?? '',
    files,
  };
  return { dir, result, manifest, files };
}
