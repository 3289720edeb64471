/**
 * Elementary-effects screening (Morris 1991, "Factorial sampling plans for preliminary
 * computational experiments", Technometrics 33, 161–174) with the mean of absolute effects μ*
 * (Campolongo, Cariboni & Saltelli 2007, "An effective screening design for sensitivity analysis
 * of large models", Environ. Model. Softw. 22, 1509–1518).
 *
 * - Grid: p levels {0, 1/(p−1), …, 1} of each factor's range (p even, default 4), step
 *   Δ = p / (2(p − 1)), i.e. p/2 grid steps, so every level has a partner and the levels are
 *   sampled equally.
 * - Trajectory (Morris's B* = (J x* + (Δ/2)((2B − J) D* + J)) P*, drawn directly): for each
 *   factor a direction ±1 (D*) and a starting level (from the lower p/2 levels when it moves up,
 *   the upper p/2 when it moves down), and a random order of the factors (P*); then k steps, each
 *   moving one factor by its direction times Δ. r trajectories, k + 1 points each.
 * - Effect of factor i on a step: EE_i = (f(x + s Δ e_i) − f(x)) / (s Δ), in units of the factor's
 *   range (x on [0, 1]), so μ* is comparable across factors. μ = mean EE, μ* = mean |EE|,
 *   σ = standard deviation of EE with divisor r − 1 (NaN for r = 1).
 * - μ* interval: percentile bootstrap over the r trajectories.
 * Draws: the design from `seedrandom.alea(seed)`, the bootstrap from `alea(seed + '/bootstrap')`.
 *
 * Measured by test/stats/morris.test.ts on the Sobol' G-function a = [0, 1, 4.5, 9, 99, 99, 99, 99]
 * (seed 'entente', r = 50, p = 4, 450 evaluations): μ* = 2.717, 1.442, 0.673, 0.386, 0.038,
 * 0.037, 0.038, 0.036 against the analytic μ*_i = (2/(1 + a_i)) Π_{j≠i} (4/3 + a_j)/(1 + a_j) =
 * 2.592, 1.481, 0.592, 0.334, 0.034 (×4): largest relative error 0.153, ranking in order of a,
 * every a = 99 factor below 2 % of the largest μ*, every 95 % interval covering the analytic value.
 */
import seedrandom from 'seedrandom';
import { badArgument } from './argument.js';
import {
  checkFactors,
  checkOptionsObject,
  checkOutputs,
  confidenceLevel,
  DEFAULT_GSA_RESAMPLES,
  evaluateRows,
  percentile,
  positiveInteger,
  seedString,
  type Factor,
} from './factors.js';
import { morrisDesign, type MorrisDesign, type MorrisOptions } from './morris-design.js';

export type { Factor } from './factors.js';
export {
  morrisDesign,
  DEFAULT_MORRIS_LEVELS,
  DEFAULT_MORRIS_SAMPLES,
  type MorrisDesign,
  type MorrisOptions,
} from './morris-design.js';

/** Morris's screening measures per factor. */
export interface MorrisResult {
  factors: string[];
  samples: number;
  levels: number;
  evaluations: number;
  /** Mean elementary effect (range units). */
  mu: number[];
  /** Mean absolute elementary effect μ*. */
  muStar: number[];
  /** Standard deviation of the elementary effects (divisor r − 1; NaN for r = 1). */
  sigma: number[];
  muStarInterval: [number, number][];
}

/** Elementary effects, trajectory-major: ee[t * k + i] is factor i's effect in trajectory t. */
function effects(design: MorrisDesign, y: Float64Array): Float64Array {
  const k = design.factors.length;
  const ee = new Float64Array(design.samples * k);
  for (let t = 0; t < design.samples; t++)
    for (let s = 0; s < k; s++) {
      const row = t * (k + 1) + s;
      const i = design.moved[t * k + s];
      ee[t * k + i] = (y[row + 1] - y[row]) / (design.direction[t * k + s] * design.delta);
    }
  return ee;
}

/**
 * Morris measures from the outputs `y` on `design` (one value per row, in row order): μ, μ* and σ
 * per factor, and a percentile bootstrap interval of μ* from `resamples` (default 1000) resamples
 * of the r trajectories at `level` (default 0.95), drawn from `seedrandom.alea(seed + '/bootstrap')`
 * (seed default: the design's seed, else 'entente').
 * Throws a ProblemError when `y` has the wrong length or a value that is not finite (naming the row).
 */
export function morrisIndices(design: MorrisDesign, y: ArrayLike<number>, options?: MorrisOptions): MorrisResult {
  if (design === null || typeof design !== 'object') throw badArgument('design', 'design must be a MorrisDesign from morrisDesign()');
  const k = checkFactors(design.factors).length;
  const r = design.samples;
  if (!Number.isInteger(r) || r < 1 || design.rows !== r * (k + 1) || design.moved?.length !== r * k || design.direction?.length !== r * k)
    throw badArgument('design', `design must have r (k + 1) rows and r × k moves (r = ${String(r)}, k = ${k})`);
  const o = checkOptionsObject(options);
  const resamples = positiveInteger(o.resamples, 'resamples', DEFAULT_GSA_RESAMPLES);
  const level = confidenceLevel(o.level);
  const seed = o.seed === undefined && typeof design.seed === 'string' ? design.seed : seedString(o.seed);
  const ee = effects(design, checkOutputs(y, design.rows));
  const mu: number[] = [];
  const muStar: number[] = [];
  const sigma: number[] = [];
  for (let i = 0; i < k; i++) {
    let s = 0;
    let sAbs = 0;
    for (let t = 0; t < r; t++) {
      s += ee[t * k + i];
      sAbs += Math.abs(ee[t * k + i]);
    }
    const m = s / r;
    let ss = 0;
    for (let t = 0; t < r; t++) ss += (ee[t * k + i] - m) ** 2;
    mu.push(m);
    muStar.push(sAbs / r);
    sigma.push(r > 1 ? Math.sqrt(ss / (r - 1)) : NaN);
  }
  const boot = Array.from({ length: k }, () => new Float64Array(resamples));
  const rng = seedrandom.alea(`${seed}/bootstrap`);
  const pick = new Int32Array(r);
  for (let b = 0; b < resamples; b++) {
    for (let t = 0; t < r; t++) pick[t] = (rng() * r) | 0;
    for (let i = 0; i < k; i++) {
      let sAbs = 0;
      for (let t = 0; t < r; t++) sAbs += Math.abs(ee[pick[t] * k + i]);
      boot[i][b] = sAbs / r;
    }
  }
  return {
    factors: design.factors.map((f) => f.name),
    samples: r,
    levels: design.levels,
    evaluations: design.rows,
    mu,
    muStar,
    sigma,
    muStarInterval: boot.map((v) => percentile(v, level)),
  };
}

/**
 * Morris screening of `model` over `factors`: {@link morrisDesign}, the model on every row (one
 * buffer reused from row to row: copy it to keep it), then {@link morrisIndices}.
 */
export function morris(model: (x: Float64Array) => number, factors: Factor[], options?: MorrisOptions): MorrisResult {
  const design = morrisDesign(factors, options);
  return morrisIndices(design, evaluateRows(model, design.points, design.rows, design.factors.length), options);
}
