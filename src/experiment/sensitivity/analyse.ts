/**
 * From a sensitivity folder's runs to its indices. Per design point, scenario and target, the
 * mean over replications of each metric (finite values only, their number n kept): a target is a
 * hypothesis, or the paired difference A - B of two hypotheses on the same seeds (the mean of
 * the per-replication differences, over the replications where both are finite). With more than
 * one scenario, "all" is the mean at each point over the scenarios with a value at every point. Then Sobol indices or Morris
 * elementary effects (src/stats) per (scenario, metric, target). A pure function of plan.json and
 * the data files: the same numbers however the runs were spread over workers, stops or shards.
 */
import { argumentProblem, ProblemError } from '../../io/problem.js';
import { morrisIndices, sobolIndices } from '../../stats/index.js';
import { RECORD_COLUMNS, RECORD_WIDTH } from '../metrics.js';
import type { PlanInfo } from '../plan-info.js';
import { readRecords } from '../store.js';
import { designOf } from './plan.js';
import type { SensitivityInfo } from './schema.js';

export const ALL_SCENARIOS = 'all';

/** Points read between two checks of the signal (a block of the analysis's progress). */
export const POINT_CHUNK = 64;

/** The indices of one (scenario, metric, target); arrays in the order of the factors. */
export interface SensitivityRow {
  scenario: string;
  metric: string;
  target: string;
  /** For the scenario "all": the scenarios averaged (those with a value at every point). */
  over?: string[];
  /** Mean and variance (n - 1) of the target over the design's points; null when skipped. */
  mean: number | null;
  variance: number | null;
  /** Why there are no indices (a point without a finite value, no variance), or null. */
  skipped: string | null;
  first?: number[] | null; total?: number[] | null; firstInterval?: [number, number][] | null; totalInterval?: [number, number][] | null;
  second?: { factors: [string, string]; value: number; interval: [number, number] }[] | null;
  mu?: number[] | null; muStar?: number[] | null; sigma?: number[] | null; muStarInterval?: [number, number][] | null;
}

/** Per (scenario incl. "all", target, metric): the mean at every point and its n. */
export interface PointValues {
  scenarios: string[]; targets: string[]; metrics: string[]; mean: Float64Array; n: Int32Array; points: number;
  /** For "all", per `${target}|${metric}` index pair: the scenarios averaged. */
  over?: Map<string, string[]>;
}

/** Where (scenario s, target t, metric m, point p) sits in PointValues' arrays. */
export const pointIndex = (v: Pick<PointValues, 'targets' | 'metrics' | 'points'>, s: number, t: number, m: number, p: number): number =>
  ((s * v.targets.length + t) * v.metrics.length + m) * v.points + p;

/** The sensitivity descriptor of a plan; a ProblemError for an experiment's plan. */
export function sensitivityOf(info: PlanInfo): SensitivityInfo {
  if (info.sensitivity === undefined) throw new ProblemError([argumentProblem('info', `plan "${info.name}" is not a sensitivity analysis`)]);
  return info.sensitivity;
}

/** The targets: each hypothesis, then the difference "A - B" when there is one. */
export function targetsOf(s: SensitivityInfo, hypotheses: readonly string[]): string[] {
  return [...hypotheses, ...(s.difference === null ? [] : [`${s.difference[0]} - ${s.difference[1]}`])];
}

/** The per-point means; resolves to null when the signal stopped it. */
export async function pointValues(dir: string, info: PlanInfo, o: { signal?: AbortSignal; onBlock?: (done: number, total: number) => void } = {}): Promise<PointValues | null> {
  const s = sensitivityOf(info);
  const H = info.hypotheses.length, R = info.replications, P = info.sets.length, S = info.scenarios.length;
  const targets = targetsOf(s, info.hypotheses);
  const names = [...info.scenarios.map((x) => x.name), ...(S > 1 ? [ALL_SCENARIOS] : [])];
  const size = names.length * targets.length * s.metrics.length * P;
  const v: PointValues = { scenarios: names, targets, metrics: s.metrics, points: P, mean: new Float64Array(size), n: new Int32Array(size) };
  const cols = s.metrics.map((m) => RECORD_COLUMNS.indexOf(m));
  const diff = s.difference === null ? null : [info.hypotheses.indexOf(s.difference[0]), info.hypotheses.indexOf(s.difference[1])];
  const at = (rec: Float64Array, r: number, h: number, col: number) => rec[(r * H + h) * RECORD_WIDTH + col];
  const blocks = S * Math.ceil(P / POINT_CHUNK);
  let done = 0;
  for (let sc = 0; sc < S; sc++) {
    for (let p0 = 0; p0 < P; p0 += POINT_CHUNK) {
      await new Promise((r) => setImmediate(r));
      if (o.signal?.aborted) return null;
      for (let p = p0; p < Math.min(P, p0 + POINT_CHUNK); p++) {
        const rec = readRecords(dir, (sc * P + p) * R * H, R * H);
        cols.forEach((col, m) => {
          targets.forEach((_, t) => {
            let sum = 0, n = 0;
            for (let r = 0; r < R; r++) {
              const x = t < H ? at(rec, r, t, col) : at(rec, r, diff![0], col) - at(rec, r, diff![1], col);
              if (Number.isFinite(x)) { sum += x; n++; }
            }
            const k = pointIndex(v, sc, t, m, p);
            v.mean[k] = n > 0 ? sum / n : NaN;
            v.n[k] = n;
          });
        });
      }
      o.onBlock?.(++done, blocks);
    }
  }
  if (S > 1) {
    // "all": at each point, the mean over the scenarios where the target has a value at every
    // point (a robustness metric exists only in the scenarios with a scripted betrayal or
    // defection; averaging the others in, or point by point, would mix different scenarios at
    // different points); n is their total. NaN where no scenario has a value at every point.
    v.over = new Map();
    for (let t = 0; t < targets.length; t++) for (let m = 0; m < s.metrics.length; m++) {
      const complete: number[] = [];
      for (let sc = 0; sc < S; sc++) {
        let ok = true;
        for (let p = 0; p < P && ok; p++) ok = Number.isFinite(v.mean[pointIndex(v, sc, t, m, p)]);
        if (ok) complete.push(sc);
      }
      v.over.set(`${t}|${m}`, complete.map((sc) => names[sc]));
      for (let p = 0; p < P; p++) {
        let sum = 0, n = 0;
        for (const sc of complete) { const k = pointIndex(v, sc, t, m, p); sum += v.mean[k]; n += v.n[k]; }
        const k = pointIndex(v, S, t, m, p);
        v.mean[k] = complete.length > 0 ? sum / complete.length : NaN;
        v.n[k] = n;
      }
    }
  }
  return v;
}

const allFinite = (xs: readonly (number | [number, number])[]): boolean => xs.every((x) => (Array.isArray(x) ? Number.isFinite(x[0]) && Number.isFinite(x[1]) : Number.isFinite(x)));

/** The indices of every (scenario, metric, target), in that order (scenarios as listed, then "all"). */
export function sensitivityRows(info: PlanInfo, v: PointValues): SensitivityRow[] {
  const s = sensitivityOf(info);
  const d = designOf(s);
  if (d.design.rows !== v.points) throw new ProblemError([argumentProblem('info', `plan.json has ${v.points} points but its design ${d.design.rows}; the folder is damaged`)]);
  const rows: SensitivityRow[] = [];
  v.scenarios.forEach((scenario, sc) => s.metrics.forEach((metric, m) => v.targets.forEach((target, t) => {
    const from = pointIndex(v, sc, t, m, 0);
    const y = v.mean.subarray(from, from + v.points);
    const over = scenario === ALL_SCENARIOS ? v.over?.get(`${t}|${m}`) : undefined;
    const row: SensitivityRow = { scenario, metric, target, ...(over === undefined ? {} : { over }), mean: null, variance: null, skipped: null };
    const empty = () => (d.method === 'sobol'
      ? Object.assign(row, { first: null, total: null, firstInterval: null, totalInterval: null }, s.secondOrder ? { second: null } : {})
      : Object.assign(row, { mu: null, muStar: null, sigma: null, muStarInterval: null }));
    const bad = y.reduce((c, x) => c + (Number.isFinite(x) ? 0 : 1), 0);
    if (bad > 0) {
      row.skipped = over !== undefined && over.length === 0
        ? 'no scenario has a value at every point'
        : `no value at ${bad} of ${v.points} points (the metric is empty where it is undefined: e.g. auc without both trustworthy and untrustworthy partners, robustness without a scripted betrayal or defection)`;
      rows.push(empty());
      return;
    }
    const mean = y.reduce((a, x) => a + x, 0) / y.length;
    row.mean = mean;
    row.variance = y.length > 1 ? y.reduce((a, x) => a + (x - mean) ** 2, 0) / (y.length - 1) : 0;
    const opts = { seed: `${s.seed}|${scenario}|${metric}|${target}`, resamples: s.resamples, level: s.level };
    if (row.variance === 0) { row.skipped = 'the same value at every point: no variance to apportion'; rows.push(empty()); return; }
    if (d.method === 'sobol') {
      let r;
      try {
        r = sobolIndices(d.design, y, { ...opts, secondOrder: s.secondOrder });
      } catch (e) {
        // Zero variance over the A and B rows leaves the indices undefined (src/stats/sobol-indices.ts).
        if (!(e instanceof ProblemError)) throw e;
        row.skipped = `no indices: ${e.problems.map((x) => x.message).join('; ')}`;
        rows.push(empty());
        return;
      }
      const second = r.second ?? [];
      if (!allFinite([...r.first, ...r.total, ...r.firstInterval, ...r.totalInterval, ...second.map((x) => x.value), ...second.map((x) => x.interval)])) {
        row.skipped = 'the estimators gave no finite indices';
        rows.push(empty());
        return;
      }
      Object.assign(row, { first: r.first, total: r.total, firstInterval: r.firstInterval, totalInterval: r.totalInterval }, s.secondOrder ? { second } : {});
    } else {
      const r = morrisIndices(d.design, y, { ...opts, levels: s.levels ?? undefined });
      if (!allFinite([...r.mu, ...r.muStar, ...r.sigma, ...r.muStarInterval])) { row.skipped = 'the estimators gave no finite effects'; rows.push(empty()); return; }
      Object.assign(row, { mu: r.mu, muStar: r.muStar, sigma: r.sigma, muStarInterval: r.muStarInterval });
    }
    rows.push(row);
  })));
  return rows;
}
