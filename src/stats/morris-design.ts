/**
 * The Morris trajectories (Morris 1991; see morris.ts for the method, its sources and measured
 * accuracy): r random one-factor-at-a-time paths over a p-level grid of the factors' ranges.
 */
import seedrandom from 'seedrandom';
import { badArgument } from './argument.js';
import { checkFactors, checkOptionsObject, positiveInteger, seedString, type Factor } from './factors.js';

/** Options of the Morris design and estimators. */
export interface MorrisOptions {
  /** Trajectories r; a positive integer, default 10. */
  samples?: number;
  /** Grid levels p; an even integer ≥ 2, default 4. */
  levels?: number;
  /** Seed of the design and the bootstrap; default 'entente'. */
  seed?: string | number;
  /** Bootstrap resamples of the μ* intervals; default 1000. */
  resamples?: number;
  /** Confidence level of the percentile intervals; default 0.95. */
  level?: number;
}

/** r Morris trajectories: the points at which to evaluate the model. */
export interface MorrisDesign {
  factors: Factor[];
  /** Trajectories r. */
  samples: number;
  /** Grid levels p. */
  levels: number;
  /** r (k + 1): trajectory t is rows t(k+1) … t(k+1) + k. */
  rows: number;
  /** rows × k numbers, row-major, in the factors' own units (min..max). */
  points: Float64Array;
  /** Δ in units of the range: p / (2(p − 1)). */
  delta: number;
  /** r × k: the factor that moves between rows t(k+1) + s and t(k+1) + s + 1. */
  moved: Int32Array;
  /** r × k: the direction of that move, +1 (up) or −1 (down). */
  direction: Int8Array;
  /** The seed string the design was drawn from (designs from this module have it): the bootstrap's default seed. */
  seed?: string;
}

export const DEFAULT_MORRIS_SAMPLES = 10;
export const DEFAULT_MORRIS_LEVELS = 4;

/**
 * r = `samples` (default 10) trajectories on the p = `levels` (default 4, even) grid over
 * `factors`, drawn with `seedrandom.alea(seed)` (default 'entente'): per trajectory a random
 * order of the factors (Fisher–Yates), then per factor a direction and a starting level. Same
 * arguments, same design bit for bit.
 */
export function morrisDesign(factors: Factor[], options?: MorrisOptions): MorrisDesign {
  const fs = checkFactors(factors);
  const o = checkOptionsObject(options);
  const r = positiveInteger(o.samples, 'samples', DEFAULT_MORRIS_SAMPLES);
  const p = positiveInteger(o.levels, 'levels', DEFAULT_MORRIS_LEVELS);
  if (p % 2 !== 0) throw badArgument('levels', `levels must be an even integer (so Δ = p/(2(p−1)) is a whole number of grid steps), got ${p}`);
  const seed = seedString(o.seed);
  const k = fs.length;
  const half = p / 2;
  const rows = r * (k + 1);
  const points = new Float64Array(rows * k);
  const moved = new Int32Array(r * k);
  const direction = new Int8Array(r * k);
  const rng = seedrandom.alea(seed);
  const level = new Int32Array(k);
  const order = new Int32Array(k);
  const write = (row: number): void => {
    for (let j = 0; j < k; j++) points[row * k + j] = fs[j].min + (level[j] / (p - 1)) * (fs[j].max - fs[j].min);
  };
  for (let t = 0; t < r; t++) {
    for (let j = 0; j < k; j++) order[j] = j;
    for (let j = k - 1; j > 0; j--) {
      const m = (rng() * (j + 1)) | 0;
      [order[j], order[m]] = [order[m], order[j]];
    }
    const dir = new Int8Array(k);
    for (let j = 0; j < k; j++) {
      dir[j] = rng() < 0.5 ? 1 : -1;
      const start = (rng() * half) | 0;
      level[j] = dir[j] === 1 ? start : half + start;
    }
    write(t * (k + 1));
    for (let s = 0; s < k; s++) {
      const j = order[s];
      level[j] += dir[j] * half;
      moved[t * k + s] = j;
      direction[t * k + s] = dir[j];
      write(t * (k + 1) + s + 1);
    }
  }
  return { factors: fs, samples: r, levels: p, rows, points, delta: p / (2 * (p - 1)), moved, direction, seed };
}
