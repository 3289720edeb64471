/**
 * Binned partial dependence over two factors: the design's points put into cells of an x by y
 * table, each cell holding the weighted mean of a value over its points, which averages over
 * every other factor (Friedman 2001, "Greedy function approximation", section 8.2, estimated by
 * binning rather than by refitting). A factor that takes a few values repeatedly (a grid, a
 * Morris design's levels) is binned by its values; one spread over a range (a Latin hypercube,
 * a Sobol design) by quantiles, so each bin holds about as many points.
 */
import { f } from './common.js';

/** One value of the map: where it is and what it weighs (e.g. the replications behind a mean). */
export interface DependencePoint { x: number; y: number; value: number; weight?: number }

export interface AxisBin {
  /** Range of the bin (for a value bin, lo = hi = the value). */
  lo: number;
  hi: number;
  label: string;
}

export interface BinnedAxis {
  name: string;
  /** 'values': one bin per value taken (a grid); 'quantiles': bins of about equal counts. */
  kind: 'values' | 'quantiles';
  bins: AxisBin[];
  /** The bin of a value. */
  binOf: (v: number) => number;
}

export interface DependenceCell {
  xBin: number;
  yBin: number;
  /** Points in the cell. */
  count: number;
  /** Weighted mean of their values (NaN when none is finite). */
  mean: number;
}

export interface PartialDependence {
  x: BinnedAxis;
  y: BinnedAxis;
  /** Cells with at least one point, ordered by y bin, then x bin. */
  cells: DependenceCell[];
  points: number;
}

/** The most values a factor may take for its values to be its bins (a grid axis). */
export const MAX_VALUE_BINS = 8;

/**
 * Quantile bins per axis for `n` points: 5 x 5 from 100 points, 4 x 4 from 48, 3 x 3 from 18,
 * else 2 x 2 (about four points or more per cell, so a cell's mean is not one point's noise).
 */
export function binsFor(n: number): number {
  return n >= 100 ? 5 : n >= 48 ? 4 : n >= 18 ? 3 : 2;
}

/** Decimals that tell apart values spread over `span`. */
function digitsFor(span: number): number {
  if (!(span > 0)) return 2;
  return Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(span))));
}

/**
 * Bins of one axis: by value when the factor takes at most {@link MAX_VALUE_BINS} values and
 * repeats them, else `bins` quantile bins (edges at the k/bins quantiles of the values).
 */
export function binAxis(name: string, values: readonly number[], bins: number): BinnedAxis {
  const finite = values.filter(Number.isFinite);
  const sorted = [...finite].sort((p, q) => p - q);
  const distinct = [...new Set(sorted)];
  const span = sorted.length > 0 ? sorted[sorted.length - 1] - sorted[0] : 0;
  if (distinct.length <= MAX_VALUE_BINS && (distinct.length < sorted.length || distinct.length <= bins)) {
    const index = new Map(distinct.map((v, k) => [v, k]));
    return { name, kind: 'values', bins: distinct.map((v) => ({ lo: v, hi: v, label: String(Number(v.toPrecision(3))) })), binOf: (v) => index.get(v) ?? -1 };
  }
  const n = sorted.length;
  const edges = [...new Set(Array.from({ length: bins - 1 }, (_, k) => sorted[Math.min(n - 1, Math.round(((k + 1) * n) / bins))]))];
  const d = digitsFor(span);
  const bounds = [sorted[0], ...edges, sorted[n - 1]];
  const out: AxisBin[] = bounds.slice(0, -1).map((lo, k) => ({ lo, hi: bounds[k + 1], label: `${f(lo, d)}–${f(bounds[k + 1], d)}` }));
  const binOf = (v: number) => {
    if (!Number.isFinite(v)) return -1;
    let k = 0;
    while (k < edges.length && v >= edges[k]) k++;
    return k;
  };
  return { name, kind: 'quantiles', bins: out, binOf };
}

/**
 * The binned partial dependence of `value` on x and y: each point goes to its cell, each cell
 * holds the weighted mean (weight default 1) of its finite values. Cells are ordered by y bin,
 * then x bin.
 */
export function partialDependence(points: readonly DependencePoint[], xName: string, yName: string, bins = binsFor(points.length)): PartialDependence {
  const x = binAxis(xName, points.map((p) => p.x), bins);
  const y = binAxis(yName, points.map((p) => p.y), bins);
  const acc = new Map<number, { count: number; sum: number; weight: number }>();
  const nx = x.bins.length;
  for (const p of points) {
    const i = x.binOf(p.x), j = y.binOf(p.y);
    if (i < 0 || j < 0) continue;
    const key = j * nx + i;
    const a = acc.get(key) ?? { count: 0, sum: 0, weight: 0 };
    a.count++;
    const w = p.weight ?? 1;
    if (Number.isFinite(p.value) && w > 0) {
      a.sum += w * p.value;
      a.weight += w;
    }
    acc.set(key, a);
  }
  const cells = [...acc.entries()].sort((p, q) => p[0] - q[0]).map(([key, a]) => ({
    xBin: key % nx, yBin: Math.floor(key / nx), count: a.count, mean: a.weight > 0 ? a.sum / a.weight : Number.NaN,
  }));
  return { x, y, cells, points: points.length };
}
