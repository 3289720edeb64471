/**
 * A sensitivity analysis as an experiment plan: the experiment with its variations replaced by
 * `list: <the design's points>`, so that the runs go through the experiment machinery (worker
 * pool, store, resume, shards, merge) unchanged. The design (method, samples, levels, second
 * order, seed, factors) is part of the plan key; which metrics and targets are analysed is not.
 */
import { sha256 } from '../../io/hash.js';
import { argumentProblem, fileProblem, ProblemError, type Problem } from '../../io/problem.js';
import { morrisDesign, sobolDesign, type MorrisDesign, type SobolDesign } from '../../stats/index.js';
import { BATCH_SIZE } from '../layout.js';
import { METRIC_NAMES } from '../metrics.js';
import { planInfo, type PlanInfo, type Shard } from '../plan-info.js';
import { buildPlan, loadPlan, type Plan } from '../plan.js';
import { pointSets, sensitivityFactors } from './factors.js';
import type { SensitivityInfo, SensitivityMethod } from './schema.js';

/** What decides a sensitivity analysis; each default comes from the file's `sensitivity` block, then as given. */
export interface SensitivityChoices {
  /** Default sobol. */
  method?: SensitivityMethod;
  /** Sobol base samples N (default 64) or Morris trajectories r (default 10). */
  samples?: number;
  /** Morris levels p. Default 4. */
  levels?: number;
  /** Sobol second-order indices. Default false. */
  secondOrder?: boolean;
  /** Default: the block's, else the experiment's replications. */
  replications?: number;
  /** Metrics analysed. Default: the block's, else the experiment's metrics. */
  metrics?: string[];
  /** Hypotheses [A, B] of the difference target A - B. Default: the block's, else the first two. */
  difference?: [string, string];
  /** Seed of the design. Default `<baseSeed>|sensitivity|<method>`. */
  seed?: string;
  /** Bootstrap resamples of the intervals. Default: the experiment's analysis.resamples. */
  resamples?: number;
  /** Run only this shard. */
  shard?: Shard | null;
}

export type Design = { method: 'sobol'; design: SobolDesign } | { method: 'morris'; design: MorrisDesign };

export const DEFAULT_SAMPLES: Record<SensitivityMethod, number> = { sobol: 64, morris: 10 };
export const DEFAULT_LEVELS = 4;

/** The design of a recorded analysis: a pure function of its descriptor. */
export function designOf(s: Pick<SensitivityInfo, 'method' | 'samples' | 'levels' | 'secondOrder' | 'seed' | 'factors'>): Design {
  return s.method === 'sobol'
    ? { method: 'sobol', design: sobolDesign(s.factors, { samples: s.samples, seed: s.seed, secondOrder: s.secondOrder }) }
    : { method: 'morris', design: morrisDesign(s.factors, { samples: s.samples, levels: s.levels ?? DEFAULT_LEVELS, seed: s.seed }) };
}

/** The plan of a sensitivity analysis of an experiment file, or its problems thrown as a ProblemError. */
export function sensitivityPlan(file: string, o: SensitivityChoices = {}): { plan: Plan; info: PlanInfo; design: Design } {
  const loaded = loadPlan(file);
  if (!loaded.ok) throw new ProblemError(loaded.problems);
  const base = loaded.value;
  const e = base.experiment;
  const block = e.sensitivity ?? {};
  const method = o.method ?? block.method ?? 'sobol';
  const problems: Problem[] = [];
  const difference = o.difference ?? block.difference ?? (base.hypotheses.length >= 2 ? [base.hypotheses[0], base.hypotheses[1]] as [string, string] : null);
  if (difference !== null) {
    // Named as given: the option, or the file's sensitivity block.
    const problem = (message: string) => (o.difference !== undefined ? argumentProblem('difference', message) : fileProblem(file, message, 'sensitivity.difference'));
    for (const h of difference) if (!base.hypotheses.includes(h)) problems.push(problem(`"${h}" is not one of the experiment's hypotheses (${base.hypotheses.join(', ')})`));
    if (difference[0] === difference[1]) problems.push(problem(`expected two different hypotheses, got "${difference[0]}" twice`));
  }
  const metrics = o.metrics ?? block.metrics ?? base.metrics.map((m) => m.name);
  for (const m of metrics) if (!METRIC_NAMES.includes(m)) problems.push(argumentProblem('metric', `unknown metric "${m}"; expected one of ${METRIC_NAMES.join(', ')}`));
  if (problems.length > 0) throw new ProblemError(problems);
  const { factors, fixed } = sensitivityFactors(file, e);
  const descriptor = {
    method,
    samples: o.samples ?? block.samples ?? DEFAULT_SAMPLES[method],
    levels: method === 'morris' ? o.levels ?? block.levels ?? DEFAULT_LEVELS : null,
    secondOrder: method === 'sobol' ? o.secondOrder ?? block.secondOrder ?? false : false,
    seed: o.seed ?? `${e.baseSeed}|sensitivity|${method}`,
    factors,
  };
  const design = designOf(descriptor);
  const replications = o.replications ?? block.replications ?? e.replications;
  const sets = pointSets(factors, design.design.points, fixed);
  const planned = buildPlan(file, base.experimentSha256, { ...e, replications, variations: { list: sets } }, base.scenarios);
  const sensitivity: SensitivityInfo = {
    ...descriptor, fixed, metrics: [...new Set(metrics)], difference,
    resamples: o.resamples ?? e.analysis.resamples, level: e.analysis.level,
  };
  // Everything the analysis reads is in the key (the design, and the metrics, difference and
  // bootstrap asked for), so a finished folder is "done" only for the same analysis; another
  // request is another result, which --overwrite (or another --out) must allow.
  const plan: Plan = { ...planned, key: sha256(JSON.stringify({ experiment: planned.key, sensitivity })) };
  return { plan, info: { ...planInfo(plan, BATCH_SIZE, o.shard ?? null), sensitivity }, design };
}
