/**
 * `runSensitivity`: a global sensitivity analysis of an experiment's conditions through the
 * experiment machinery. The design's points become the plan's parameter sets (plan.ts); every
 * point is run under every hypothesis with the experiment's replications, on the same worker
 * pool, store, folder rules, resume and shards as `runExperiment` (../run.ts `runPlan`); the
 * folder then gets sensitivity.json, sensitivity.csv and points.csv instead of the experiment's
 * per-set files. Seeds are those of the experiment (common across points and hypotheses).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ProblemError } from '../../io/problem.js';
import { writeProblem } from '../../io/output.js';
import type { Shard } from '../plan-info.js';
import { runPlan, slug, type ExperimentOptions, type ExperimentResult } from '../run.js';
import { analyseSensitivity, sensitivityBlocks, SENSITIVITY_FILES, type SensitivityReport } from './files.js';
import { sensitivityPlan, type SensitivityChoices } from './plan.js';
import type { SensitivityInfo } from './schema.js';

/**
 * Options of `runSensitivity`: the analysis (`SensitivityChoices`) and how it runs (as
 * `runExperiment`: out, workers, shard, overwrite, signal, onProgress, command). An unfinished
 * analysis in `out` is finished without being asked: done runs are kept.
 */
export interface SensitivityOptions extends SensitivityChoices, Omit<ExperimentOptions, 'replications' | 'shard' | 'resume'> {}

export type SensitivityResult = Omit<ExperimentResult, 'comparisons'> & {
  /** The report (sensitivity.json), when written in this session. */
  report: SensitivityReport | null;
};

/** The default folder: `out/<experiment name>-<method>-<samples>[-shard-K-of-N]`. */
export function sensitivityOut(name: string, s: Pick<SensitivityInfo, 'method' | 'samples'>, shard: Shard | null): string {
  return join('out', `${slug(name)}-${s.method}-${s.samples}${shard === null ? '' : `-shard-${shard.k}-of-${shard.n}`}`);
}

/**
 * Runs a sensitivity analysis of an experiment file into its folder, finishes an interrupted one,
 * or recognises a finished one (`done`: nothing is run, and the analysis files are written again
 * only if one is missing). Bad input is a ProblemError thrown before anything is written.
 */
export async function runSensitivity(file: string, o: SensitivityOptions = {}): Promise<SensitivityResult> {
  const { plan, info } = sensitivityPlan(file, o);
  const s = info.sensitivity!;
  const dir = o.out ?? sensitivityOut(info.name, s, info.shard);
  const r = await runPlan(plan, info, dir, o, {
    blocks: sensitivityBlocks(info), finish: true, manifest: { sensitivity: s },
    analyse: (where, onBlock) => analyseSensitivity(where, info, { signal: o.signal, onBlock }),
  });
  const { analysed, ...rest } = r;
  if (r.status === 'done' && info.shard === null && SENSITIVITY_FILES.some((f) => !existsSync(join(dir, f)))) {
    try {
      const report = await analyseSensitivity(dir, info, { signal: o.signal });
      return { ...rest, status: report === null ? 'interrupted' : 'done', report };
    } catch (e) {
      if (e instanceof ProblemError || (e as NodeJS.ErrnoException).code === undefined) throw e;
      throw new ProblemError([writeProblem(e, dir)]);
    }
  }
  return { ...rest, report: analysed };
}
