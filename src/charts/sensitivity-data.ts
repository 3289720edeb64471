/**
 * Typed rows for the sensitivity charts, from a sensitivity folder (`npm run sensitivity`):
 * `sensitivity.json` (the method, the factors and their ranges, and the indices per scenario,
 * metric and target) and `points.csv` (the mean of each target at each design point). The
 * schema of sensitivity.json is the writer's (experiment/sensitivity/format.ts).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csvRecords, num } from './csv.js';

export { SensitivityFactor, SensitivityResult, SensitivitySchema, type Sensitivity } from '../experiment/sensitivity/format.js';
import { SensitivitySchema, type Sensitivity, type SensitivityResult } from '../experiment/sensitivity/format.js';

/** One row of points.csv: the mean of one target over its finite replications at one design point. */
export interface SensitivityPoint {
  point: number;
  /** Factor values at the point. */
  params: Record<string, number>;
  scenario: string;
  target: string;
  metric: string;
  /** Replications with a finite value. */
  n: number;
  mean: number;
}

/** Parses sensitivity.json; throws an Error listing every problem (path: message). */
export function parseSensitivityJson(text: string): Sensitivity {
  const parsed = SensitivitySchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '));
  return parsed.data;
}

/** Parses points.csv: the factor columns are those between `point` and `scenario`. */
export function parsePointsCsv(text: string): SensitivityPoint[] {
  const records = csvRecords(text);
  if (records.length === 0) return [];
  const columns = Object.keys(records[0]);
  const from = columns.indexOf('point'), to = columns.indexOf('scenario');
  if (from < 0 || to < 0 || to < from) throw new Error('points.csv: expected the columns point, <factors...>, scenario, target, metric, n, mean');
  const factors = columns.slice(from + 1, to);
  return records.map((r) => ({
    point: num(r.point),
    params: Object.fromEntries(factors.map((f) => [f, num(r[f])])),
    scenario: r.scenario, target: r.target, metric: r.metric, n: num(r.n), mean: num(r.mean),
  }));
}

/**
 * The hypotheses [A, B] of a sensitivity file's paired difference A - B: as the file records them
 * (`difference`), or, in an older file without the field, its first two hypotheses; null when
 * there is none (one hypothesis).
 */
export function differencePair(s: Pick<Sensitivity, 'hypotheses' | 'difference'>): [string, string] | null {
  if (s.difference !== undefined) return s.difference;
  return s.hypotheses.length >= 2 ? [s.hypotheses[0], s.hypotheses[1]] : null;
}

/** The paired-difference target of a sensitivity file: "A - B" (null when there is none). */
export function differenceTarget(s: Pick<Sensitivity, 'hypotheses' | 'difference'>): string | null {
  const pair = differencePair(s);
  return pair === null ? null : `${pair[0]} - ${pair[1]}`;
}

/** The scenario a summary shows: "all" (the mean over scenarios) when present, else the first. */
export function mainScenario(s: Pick<Sensitivity, 'scenarios' | 'results'>): string {
  return s.results.some((r) => r.scenario === 'all') ? 'all' : s.scenarios[0];
}

/** A factor's indices from one result, in one record. */
export interface FactorIndex {
  factor: string;
  /** Sobol: first-order and total index with intervals. */
  first: number; total: number; firstInterval: [number, number]; totalInterval: [number, number];
  /** Morris: mean, mean absolute and spread of the elementary effects, with mu*'s interval. */
  mu: number; muStar: number; sigma: number; muStarInterval: [number, number];
}

/** The factors of a result with their indices, most influential first (by total index for Sobol, by mu* for Morris). */
export function rankedFactors(s: Pick<Sensitivity, 'factors' | 'method'>, r: SensitivityResult): FactorIndex[] {
  const at = (xs: number[] | undefined, k: number) => xs?.[k] ?? Number.NaN;
  const pair = (xs: [number, number][] | undefined, k: number): [number, number] => xs?.[k] ?? [Number.NaN, Number.NaN];
  const rows = s.factors.map((f, k) => ({
    factor: f.name,
    first: at(r.first, k), total: at(r.total, k), firstInterval: pair(r.firstInterval, k), totalInterval: pair(r.totalInterval, k),
    mu: at(r.mu, k), muStar: at(r.muStar, k), sigma: at(r.sigma, k), muStarInterval: pair(r.muStarInterval, k),
  }));
  const key = (x: FactorIndex) => { const v = s.method === 'sobol' ? x.total : x.muStar; return Number.isFinite(v) ? v : -Infinity; };
  return rows.map((x, k) => ({ x, k })).sort((p, q) => key(q.x) - key(p.x) || p.k - q.k).map(({ x }) => x);
}

/**
 * Factors by their importance for the paired difference, over the metrics: the mean over the
 * (non-skipped) difference results of the chosen scenario of the total index (Sobol) or of
 * mu* as a share of the largest mu* of that result (Morris, whose units are the metric's).
 */
export function factorsByImportance(s: Sensitivity, scenario = mainScenario(s)): string[] {
  const target = differenceTarget(s) ?? s.hypotheses[0];
  const results = s.results.filter((r) => r.scenario === scenario && r.target === target && r.skipped === null);
  const score = new Map(s.factors.map((f) => [f.name, 0]));
  for (const r of results) {
    const ranked = rankedFactors(s, r);
    const top = s.method === 'sobol' ? 1 : Math.max(...ranked.map((x) => x.muStar).filter(Number.isFinite), 1e-300);
    for (const x of ranked) {
      const v = s.method === 'sobol' ? x.total : x.muStar / top;
      if (Number.isFinite(v)) score.set(x.factor, score.get(x.factor)! + v / results.length);
    }
  }
  return s.factors.map((f, k) => ({ name: f.name, k })).sort((p, q) => score.get(q.name)! - score.get(p.name)! || p.k - q.k).map((x) => x.name);
}

/**
 * The factors by their importance for one metric's paired difference: that metric's
 * (non-skipped) difference result of the scenario, by total index (Sobol) or mu* (Morris); null
 * when the analysis has no such result.
 */
export function factorsForMetric(s: Sensitivity, metric: string, scenario = mainScenario(s)): FactorIndex[] | null {
  const target = differenceTarget(s);
  const r = target === null ? undefined : s.results.find((x) => x.scenario === scenario && x.target === target && x.metric === metric && x.skipped === null);
  return r === undefined ? null : rankedFactors(s, r);
}

export interface SensitivityData {
  sensitivity: Sensitivity;
  /** points.csv's rows; empty when the folder has none. */
  points: SensitivityPoint[];
}

/** Reads a sensitivity folder's sensitivity.json and, when present, points.csv. */
export function readSensitivityDir(dir: string): SensitivityData {
  const sensitivity = parseSensitivityJson(readFileSync(join(dir, 'sensitivity.json'), 'utf8'));
  const pointsFile = join(dir, 'points.csv');
  return { sensitivity, points: existsSync(pointsFile) ? parsePointsCsv(readFileSync(pointsFile, 'utf8')) : [] };
}
