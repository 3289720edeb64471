/**
 * plan.json: what the analysis, a resume and a merge need of the plan, written first into an
 * experiment folder. Its one schema (the type below) and its one reader live here.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { METRICS } from './metrics.js';
import type { Plan, PlanScenario, SeedsMode } from './plan.js';
import type { SensitivityInfo } from './sensitivity/schema.js';

export const PLAN_FILE = 'plan.json';

/** What the analysis and a merge need of the plan; written to plan.json. */
export interface PlanInfo {
  format: 'entente-experiment/1';
  key: string;
  name: string;
  description: string;
  experimentFile: string;
  experimentSha256: string;
  scenarios: (Omit<PlanScenario, 'scenario'> & { start: string; stepMonths: number; ids: string[] })[];
  sets: Record<string, number>[];
  conditionNames: string[];
  hypotheses: string[];
  replications: number;
  runs: number;
  batches: number;
  batchSize: number;
  baseSeed: string | number;
  /**
   * How replication seeds are shared between parameter sets (`seeds` of the experiment file):
   * `common` (the same seeds for every set) or `per-set`. Absent in plan.json files written before
   * the option, which were per-set (read them with `seedOf`, which takes that default).
   */
  seeds?: SeedsMode;
  metrics: string[];
  thresholds: { confidence: number; recovery: number };
  /**
   * Bootstrap resamples, confidence level, and the practical-equivalence margin of every metric
   * of the experiment (the file's `analysis.margins` over the metrics' defaults; absent in older
   * plan.json files: read with `marginOf`).
   */
  analysis: { resamples: number; level: number; margins?: Record<string, number> };
  shard: Shard | null;
  /** A sensitivity analysis (npm run sensitivity): its design and what is analysed; absent for an experiment. */
  sensitivity?: SensitivityInfo;
}

/** Shard k of n (1-based k). */
export interface Shard { k: number; n: number }

export function planInfo(p: Plan, batchSize: number, shard: Shard | null): PlanInfo {
  return {
    format: 'entente-experiment/1',
    key: p.key, name: p.experiment.name, description: p.experiment.description,
    experimentFile: p.experimentFile, experimentSha256: p.experimentSha256,
    scenarios: p.scenarios.map((s) => ({
      file: s.file, name: s.name, sha256: s.sha256, steps: s.steps,
      start: s.scenario.calendar.start, stepMonths: s.scenario.calendar.stepMonths, ids: s.scenario.states.map((st) => st.id),
    })),
    sets: p.sets, conditionNames: p.conditionNames, hypotheses: p.hypotheses, replications: p.replications,
    runs: p.runs, batches: p.batches, batchSize, baseSeed: p.experiment.baseSeed,
    seeds: p.experiment.seeds,
    metrics: p.metrics.map((m) => m.name), thresholds: p.experiment.thresholds,
    analysis: { resamples: p.experiment.analysis.resamples, level: p.experiment.analysis.level, margins: resolvedMargins(p) },
    shard,
  };
}

/** The margin of every metric of the plan: the experiment file's `analysis.margins` where given, else the metric's default. */
export function resolvedMargins(p: Pick<Plan, 'metrics' | 'experiment'>): Record<string, number> {
  const given = p.experiment.analysis.margins ?? {};
  return Object.fromEntries(p.metrics.map((m) => [m.name, given[m.name] ?? m.margin]));
}

/** The practical-equivalence margin of a metric in an experiment: plan.json's, else the metric's default (0 for an unknown metric). */
export function marginOf(info: Pick<PlanInfo, 'analysis'>, metric: string): number {
  return info.analysis.margins?.[metric] ?? METRICS.find((m) => m.name === metric)?.margin ?? 0;
}

/** The plan.json of an experiment folder, or null when there is none (or it is not one). */
export function readPlanInfo(dir: string): PlanInfo | null {
  const file = join(dir, PLAN_FILE);
  if (!existsSync(file)) return null;
  try {
    const info = JSON.parse(readFileSync(file, 'utf8')) as PlanInfo;
    return info.format === 'entente-experiment/1' ? info : null;
  } catch {
    return null;
  }
}

/** The identity of an experiment's result in its folder's ledger: the plan key, and the shard. */
export function experimentId(info: Pick<PlanInfo, 'key' | 'shard'>): string {
  return info.shard === null ? info.key : `${info.key}/shard-${info.shard.k}-of-${info.shard.n}`;
}

/** Batches that belong to shard k of n (1-based k): batch b when b mod n = k - 1. */
export function shardBatches(batches: number, shard: Shard | null): number[] {
  const out: number[] = [];
  for (let b = 0; b < batches; b++) if (shard === null || b % shard.n === shard.k - 1) out.push(b);
  return out;
}

export function batchRange(info: Pick<PlanInfo, 'runs' | 'batchSize'>, b: number): [number, number] {
  return [b * info.batchSize, Math.min(info.runs, (b + 1) * info.batchSize)];
}

/** Runs in the given batches. */
export function runsOf(info: Pick<PlanInfo, 'runs' | 'batchSize'>, batches: Iterable<number>): number {
  let n = 0;
  for (const b of batches) { const [start, end] = batchRange(info, b); n += end - start; }
  return n;
}
