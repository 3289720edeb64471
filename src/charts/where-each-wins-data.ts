/**
 * The data of a "where each hypothesis wins" map: paired differences A − B at many points of
 * two or more conditions (an experiment's comparison rows over a grid or a Latin hypercube, or
 * a sensitivity folder's difference target at its design points), binned over two of the
 * conditions (partial-dependence.ts), each cell given to the hypothesis that does better there,
 * or said to be within the margin when its mean difference lies within the metric's
 * practical-equivalence margin (a mean, with no interval: not an equivalence verdict).
 */
import { METRICS, type MetricDef } from '../experiment/metrics.js';
import type { Comparison } from './data.js';
import { partialDependence, type BinnedAxis, type DependenceCell } from './partial-dependence.js';
import { differencePair, type Sensitivity, type SensitivityPoint } from './sensitivity-data.js';
import { scenarioWords } from './sensitivity-words.js';

export interface WinsInput {
  /** The hypotheses compared, A − B. */
  a: string;
  b: string;
  metric: string;
  better: 'higher' | 'lower';
  /** Practical-equivalence margin of the metric (>= 0); null when none is known (then only an exact zero is within it). */
  margin: number | null;
  scenario: string;
  /** The scenario in words, when the source says more than its name (a sensitivity folder's "all": the scenarios it averages). */
  scenarioWords?: string;
  /** What one point is, for captions: "parameter set" or "design point". */
  unit: string;
  /** One paired difference per point, weighted by the replications behind it. */
  points: { params: Record<string, number>; diff: number; weight: number }[];
}

/**
 * Who does better in a cell: a, b, 'equivalent' (within the margin: |mean| <= margin, a point
 * estimate with no interval, so not the comparison's equivalence verdict), or none (no finite value).
 */
export type WinsSide = 'a' | 'b' | 'equivalent' | 'none';

export interface WinsCell extends DependenceCell {
  /** The mean difference oriented so that positive is better for A whatever the metric's `better`. */
  advantage: number;
  side: WinsSide;
}

export interface WinsMap {
  input: WinsInput;
  x: BinnedAxis;
  y: BinnedAxis;
  cells: WinsCell[];
  /** The margin used (0 when none is known). */
  margin: number;
}

/** Whether higher or lower is better for an experiment metric (higher for a name the experiment does not know). */
export function metricBetter(metric: string): 'higher' | 'lower' {
  return METRICS.find((m) => m.name === metric)?.better ?? 'higher';
}

/**
 * A metric's practical-equivalence margin as the metric's definition gives it, when it gives
 * one (the `margin` field that comparison rows carry), else null.
 */
export function metricMargin(metric: string): number | null {
  const def = METRICS.find((m) => m.name === metric) as (MetricDef & { margin?: unknown }) | undefined;
  return typeof def?.margin === 'number' && def.margin >= 0 ? def.margin : null;
}

/** The map's input from one comparison's rows of a metric and scenario (default: the first scenario). */
export function winsFromComparison(c: Comparison, metric: string, scenario?: string): WinsInput {
  const sc = scenario ?? c.rows.find((r) => r.metric === metric)?.scenario ?? '';
  const rows = c.rows.filter((r) => r.metric === metric && r.scenario === sc);
  const given = rows.map((r) => (r as { margin?: unknown }).margin).find((m): m is number => typeof m === 'number' && m >= 0);
  return {
    a: c.a, b: c.b, metric, scenario: sc, unit: 'parameter set',
    better: rows[0]?.better ?? metricBetter(metric),
    margin: given ?? metricMargin(metric),
    points: rows.map((r) => ({ params: r.params, diff: r.meanDiff, weight: Number.isFinite(r.n) && r.n > 0 ? r.n : 1 })),
  };
}

/**
 * The map's input from a sensitivity folder's points.csv: the difference target ("A - B") of a
 * metric and scenario (default: "all" when present, else the first). `margin` defaults to the
 * one sensitivity.json records for the metric, else the metric's own.
 */
export function winsFromPoints(s: Sensitivity, points: readonly SensitivityPoint[], metric: string, opts: { scenario?: string; margin?: number | null } = {}): WinsInput {
  const pair = differencePair(s);
  if (pair === null) throw new Error('winsFromPoints: the sensitivity file has one hypothesis, so there is no paired difference');
  const target = `${pair[0]} - ${pair[1]}`;
  const scenario = opts.scenario ?? (points.some((p) => p.scenario === 'all') ? 'all' : s.scenarios[0]);
  const rows = points.filter((p) => p.metric === metric && p.target === target && p.scenario === scenario);
  const result = s.results.find((r) => r.metric === metric && r.target === target && r.scenario === scenario);
  return {
    a: pair[0], b: pair[1], metric, scenario, unit: 'design point',
    ...(scenario === 'all' ? { scenarioWords: scenarioWords(s, { scenario, over: result?.over }) } : {}),
    better: metricBetter(metric),
    margin: opts.margin !== undefined ? opts.margin : s.margins?.[metric] ?? metricMargin(metric),
    points: rows.map((p) => ({ params: p.params, diff: p.mean, weight: Number.isFinite(p.n) && p.n > 0 ? p.n : 0 })),
  };
}

/** Bins the input over x and y and gives each cell its side. */
export function winsMap(input: WinsInput, x: string, y: string, bins?: number): WinsMap {
  for (const name of [x, y]) {
    if (!input.points.some((p) => name in p.params)) throw new Error(`winsMap: no point has a value of "${name}"`);
  }
  const pd = partialDependence(input.points.map((p) => ({ x: p.params[x], y: p.params[y], value: p.diff, weight: p.weight })), x, y, bins);
  const margin = input.margin ?? 0;
  const cells = pd.cells.map((c) => {
    const advantage = input.better === 'lower' ? -c.mean : c.mean;
    const side: WinsSide = !Number.isFinite(c.mean) ? 'none' : Math.abs(c.mean) <= margin ? 'equivalent' : advantage > 0 ? 'a' : 'b';
    return { ...c, advantage, side };
  });
  return { input, x: pd.x, y: pd.y, cells, margin };
}
