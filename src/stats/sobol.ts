/**
 * Variance-based global sensitivity analysis: Sobol' indices estimated from a Saltelli design.
 *
 * - Design (Saltelli 2002, "Making best use of model evaluations to compute sensitivity
 *   indices", Comput. Phys. Commun. 145, 280–297; Saltelli et al. 2010, "Variance based
 *   sensitivity analysis of model output. Design and estimator for the total sensitivity index",
 *   Comput. Phys. Commun. 181, 259–270): N base points of a 2k-dimensional Sobol' sequence
 *   (Joe & Kuo 2008 direction numbers, seeded random digital shift: sobol-sequence.ts); the first
 *   k coordinates are matrix A, the last k matrix B; AB_i is A with column i taken from B, BA_i
 *   is B with column i taken from A.
 * - First order (Saltelli et al. 2010, table 2 (b)): V_i = mean(f(B) (f(AB_i) − f(A))).
 * - Total (Jansen 1999; Saltelli et al. 2010, table 2 (f)): VT_i = mean((f(A) − f(AB_i))²) / 2.
 * - Second order (Saltelli 2002, eq. 12 with the f0² term mean(f(A) f(B))):
 *   V_ij^closed = mean(f(BA_i) f(AB_j) − f(A) f(B)), S_ij = V_ij^closed / V − S_i − S_j.
 * - Every index is divided by V, the variance (divisor 2N) of f over the rows of A and B together.
 *   f is first centred on its mean over A and B, which leaves every index unchanged in
 *   expectation and makes the estimates invariant to adding a constant to the model.
 * - Intervals: percentile bootstrap over the N base rows (each resample takes whole rows of A,
 *   B, AB_i and BA_i together and recomputes V), `resamples` times, at `level`.
 *
 * Accuracy measured by test/stats/sobol.test.ts (analytic values to 4 decimals; largest absolute
 * error over every S1 and ST; seed 'entente', with seed 'second' in brackets):
 * - Ishigami (a = 7, b = 0.1): 0.0272 (0.0260) at N = 2^8, 0.0136 (0.0161) at N = 2^11,
 *   0.0010 (0.0020) at N = 2^13, 0.0008 (0.0011) at N = 2^14. At the documented N = 2^13
 *   (8 · 2^13 = 65 536 evaluations with second order): S1 = 0.3137, 0.4424, −0.0000;
 *   ST = 0.5586, 0.4424, 0.2439; S12, S13, S23 = 0.0000, 0.2439, 0.0000 (largest error 0.0002);
 *   every 95 % interval (widths 0.02–0.06) covers the analytic value.
 * - G-function a = [0, 1, 4.5, 9, 99, 99, 99, 99] at N = 2^13: largest error 0.0015, every 95 %
 *   interval covering the analytic value.
 */
import { badArgument } from './argument.js';
import {
  checkFactors,
  checkOptionsObject,
  evaluateRows,
  positiveInteger,
  seedString,
  type Factor,
} from './factors.js';
import { MAX_SOBOL_DIMENSIONS, sobolSequence } from './sobol-sequence.js';
import { sobolIndices } from './sobol-indices.js';

export type { Factor } from './factors.js';
export { sobolIndices } from './sobol-indices.js';

/** Options of the Sobol' design and estimators. */
export interface SobolOptions {
  /** Base samples N (rows of A and of B); a positive integer, default 1024 (powers of two keep the net balanced). */
  samples?: number;
  /** Seed of the design's digital shift (`seedrandom.alea(seed)`) and of the bootstrap; default 'entente'. */
  seed?: string | number;
  /** Bootstrap resamples of the intervals; a positive integer, default 1000. */
  resamples?: number;
  /** Confidence level of the percentile intervals, strictly between 0 and 1; default 0.95. */
  level?: number;
  /** Also the BA_i blocks and the second-order indices S_ij; default false. */
  secondOrder?: boolean;
}

/** A Saltelli design: the points at which to evaluate the model. */
export interface SobolDesign {
  factors: Factor[];
  /** Base samples N. */
  samples: number;
  /** Whether the BA_i blocks (for second-order indices) are included. */
  secondOrder: boolean;
  /** N (k + 2), or N (2k + 2) with secondOrder. */
  rows: number;
  /**
   * rows × k numbers, row-major, in the factors' own units (min..max). Row order: A (N rows),
   * B (N rows), AB_1 … AB_k (N rows each; AB_i is A with column i from B), then with
   * secondOrder BA_1 … BA_k (B with column i from A). Row n of every block uses base point n.
   */
  points: Float64Array;
  /** The seed string the design was drawn from (designs from this module have it): the bootstrap's default seed. */
  seed?: string;
}

/** Sobol' indices with their bootstrap intervals. */
export interface SobolResult {
  factors: string[];
  samples: number;
  /** Model evaluations used: the design's rows. */
  evaluations: number;
  /** Variance of f over A and B (divisor 2N): the denominator of every index. */
  variance: number;
  /** First-order indices S_i, in the order of the factors. */
  first: number[];
  /** Total indices S_Ti. */
  total: number[];
  firstInterval: [number, number][];
  totalInterval: [number, number][];
  /** Second-order indices S_ij (i < j, in factor order), when the design has them. */
  second?: { factors: [string, string]; value: number; interval: [number, number] }[];
}

/** Largest number of factors: the Sobol' sequence has 2k dimensions. */
export const MAX_SOBOL_FACTORS = MAX_SOBOL_DIMENSIONS / 2;
/** Default base samples N. */
export const DEFAULT_SOBOL_SAMPLES = 1024;

/**
 * The Saltelli design for `factors` (see {@link SobolDesign} for the row order): N = `samples`
 * (default 1024) base points of the 2k-dimensional Sobol' sequence digitally shifted with `seed`
 * (default 'entente'), scaled to each factor's [min, max]. At most {@link MAX_SOBOL_FACTORS}
 * factors. Same factors and options, same points bit for bit; another seed, another shift.
 */
export function sobolDesign(factors: Factor[], options?: SobolOptions): SobolDesign {
  const fs = checkFactors(factors, MAX_SOBOL_FACTORS);
  const o = checkOptionsObject(options);
  const N = positiveInteger(o.samples, 'samples', DEFAULT_SOBOL_SAMPLES);
  const seed = seedString(o.seed);
  const secondOrder = o.secondOrder ?? false;
  if (typeof secondOrder !== 'boolean') throw badArgument('secondOrder', `secondOrder must be a boolean, got ${String(secondOrder)}`);
  const k = fs.length;
  const blocks = secondOrder ? 2 * k + 2 : k + 2;
  const rows = N * blocks;
  const base = sobolSequence(N, 2 * k, seed);
  const points = new Float64Array(rows * k);
  const scale = (u: number, j: number): number => fs[j].min + u * (fs[j].max - fs[j].min);
  for (let n = 0; n < N; n++) {
    const a = (j: number): number => scale(base[n * 2 * k + j], j);
    const b = (j: number): number => scale(base[n * 2 * k + k + j], j);
    for (let blk = 0; blk < blocks; blk++) {
      const row = (blk * N + n) * k;
      for (let j = 0; j < k; j++) {
        let fromB: boolean;
        if (blk === 0) fromB = false;
        else if (blk === 1) fromB = true;
        else if (blk < k + 2) fromB = j === blk - 2;
        else fromB = j !== blk - k - 2;
        points[row + j] = fromB ? b(j) : a(j);
      }
    }
  }
  return { factors: fs, samples: N, secondOrder, rows, points, seed };
}

/**
 * Sobol' indices of `model` over `factors`: builds {@link sobolDesign}, evaluates the model on
 * every row (the argument is one buffer reused from row to row: copy it to keep it) and returns
 * {@link sobolIndices}. A model value that is not a finite number throws a ProblemError naming
 * the design row.
 */
export function sobol(model: (x: Float64Array) => number, factors: Factor[], options?: SobolOptions): SobolResult {
  const design = sobolDesign(factors, options);
  const y = evaluateRows(model, design.points, design.rows, design.factors.length);
  return sobolIndices(design, y, options);
}
