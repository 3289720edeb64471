/**
 * The Sobol' index estimators on a Saltelli design's model outputs and their percentile
 * bootstrap over the base rows; the formulas and sources are in sobol.ts's module comment.
 */
import seedrandom from 'seedrandom';
import { badArgument } from './argument.js';
import {
  checkFactors,
  checkOptionsObject,
  checkOutputs,
  confidenceLevel,
  DEFAULT_GSA_RESAMPLES,
  percentile,
  positiveInteger,
  seedString,
} from './factors.js';
import type { SobolDesign, SobolOptions, SobolResult } from './sobol.js';

/** The indices of one (re)sample of base rows. */
interface Estimate {
  variance: number;
  first: Float64Array;
  total: Float64Array;
  /** S_ij for i < j, pair after pair in the order (0,1), (0,2), …, (k−2, k−1). */
  second: Float64Array;
}

/**
 * Every index from the outputs `y` (blocks A, B, AB_1.., BA_1.. of N rows each), over the base
 * rows `rows` (the identity for the estimate, a resample for the bootstrap). The outputs are
 * centred on their mean over A and B (of these rows) in the first- and second-order sums, so
 * that the estimates do not change when a constant is added to the model (the raw Saltelli 2010
 * and 2002 sums differ by c · mean(f(AB_i) − f(A)) and similar terms, zero only on average; SALib
 * centres its outputs for the same reason). Jansen's total estimator is shift-free already.
 */
function estimate(y: Float64Array, N: number, k: number, secondOrder: boolean, rows: Int32Array): Estimate {
  const n = rows.length;
  let mean = 0;
  for (let t = 0; t < n; t++) mean += y[rows[t]] + y[N + rows[t]];
  mean /= 2 * n;
  let ss = 0;
  let ab = 0;
  for (let t = 0; t < n; t++) {
    const a = y[rows[t]] - mean;
    const b = y[N + rows[t]] - mean;
    ss += a * a + b * b;
    ab += a * b;
  }
  const variance = ss / (2 * n);
  const first = new Float64Array(k);
  const total = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    const off = (2 + i) * N;
    let s1 = 0;
    let st = 0;
    for (let t = 0; t < n; t++) {
      const r = rows[t];
      const fA = y[r];
      const fAB = y[off + r];
      s1 += (y[N + r] - mean) * (fAB - fA);
      st += (fA - fAB) * (fA - fAB);
    }
    first[i] = s1 / n / variance;
    total[i] = st / (2 * n) / variance;
  }
  const second = new Float64Array(secondOrder ? (k * (k - 1)) / 2 : 0);
  if (secondOrder) {
    let p = 0;
    for (let i = 0; i < k; i++) {
      const ba = (2 + k + i) * N;
      for (let j = i + 1; j < k; j++) {
        const abj = (2 + j) * N;
        let s = 0;
        for (let t = 0; t < n; t++) s += (y[ba + rows[t]] - mean) * (y[abj + rows[t]] - mean);
        second[p++] = (s - ab) / n / variance - first[i] - first[j];
      }
    }
  }
  return { variance, first, total, second };
}

/** Checks that `design` is a Saltelli design as sobolDesign makes it (it may come from a file). */
function checkDesign(design: SobolDesign): { N: number; k: number } {
  if (design === null || typeof design !== 'object') throw badArgument('design', 'design must be a SobolDesign from sobolDesign()');
  const fs = checkFactors(design.factors);
  const k = fs.length;
  const N = design.samples;
  if (!Number.isInteger(N) || N < 1) throw badArgument('design.samples', `design.samples must be a positive integer, got ${String(N)}`);
  const blocks = design.secondOrder ? 2 * k + 2 : k + 2;
  if (design.rows !== N * blocks) throw badArgument('design.rows', `design.rows must be ${N * blocks} (N = ${N}, ${blocks} blocks), got ${String(design.rows)}`);
  return { N, k };
}

/**
 * Sobol' indices from the model outputs `y` on `design` (one value per design row, in the
 * design's row order): first-order (Saltelli 2010), total (Jansen) and, when the design has the
 * BA blocks, second-order (Saltelli 2002) indices, each with a percentile bootstrap interval.
 *
 * Options: `resamples` (default 1000) and `level` (default 0.95) of the bootstrap, whose
 * resamples of base-row indices ⌊u · N⌋ come from `seedrandom.alea(seed + '/bootstrap')` (seed
 * default: the design's seed, else 'entente'). `samples` and `secondOrder` are the design's; asking for `secondOrder` from
 * a design without the BA blocks is an error. Throws a ProblemError when `y` has the wrong
 * length, a value that is not finite (naming the row), or zero variance over A and B.
 */
export function sobolIndices(design: SobolDesign, y: ArrayLike<number>, options?: SobolOptions): SobolResult {
  const { N, k } = checkDesign(design);
  const o = checkOptionsObject(options);
  if (o.secondOrder === true && !design.secondOrder)
    throw badArgument('secondOrder', 'second-order indices need a design made with secondOrder: true (its BA blocks)');
  const resamples = positiveInteger(o.resamples, 'resamples', DEFAULT_GSA_RESAMPLES);
  const level = confidenceLevel(o.level);
  const seed = o.seed === undefined && typeof design.seed === 'string' ? design.seed : seedString(o.seed);
  const values = checkOutputs(y, design.rows);
  const identity = Int32Array.from({ length: N }, (_, i) => i);
  const point = estimate(values, N, k, design.secondOrder, identity);
  if (!(point.variance > 0)) throw badArgument('y', 'the model output has zero variance over blocks A and B, so the indices are undefined');

  const pairs = point.second.length;
  const bootFirst = Array.from({ length: k }, () => new Float64Array(resamples));
  const bootTotal = Array.from({ length: k }, () => new Float64Array(resamples));
  const bootSecond = Array.from({ length: pairs }, () => new Float64Array(resamples));
  const rng = seedrandom.alea(`${seed}/bootstrap`);
  const rows = new Int32Array(N);
  for (let b = 0; b < resamples; b++) {
    for (let t = 0; t < N; t++) rows[t] = (rng() * N) | 0;
    const e = estimate(values, N, k, design.secondOrder, rows);
    for (let i = 0; i < k; i++) {
      bootFirst[i][b] = e.first[i];
      bootTotal[i][b] = e.total[i];
    }
    for (let p = 0; p < pairs; p++) bootSecond[p][b] = e.second[p];
  }

  const names = design.factors.map((f) => f.name);
  const result: SobolResult = {
    factors: names,
    samples: N,
    evaluations: design.rows,
    variance: point.variance,
    first: Array.from(point.first),
    total: Array.from(point.total),
    firstInterval: bootFirst.map((v) => percentile(v, level)),
    totalInterval: bootTotal.map((v) => percentile(v, level)),
  };
  if (design.secondOrder) {
    result.second = [];
    let p = 0;
    for (let i = 0; i < k; i++)
      for (let j = i + 1; j < k; j++) {
        result.second.push({ factors: [names[i], names[j]], value: point.second[p], interval: percentile(bootSecond[p], level) });
        p++;
      }
  }
  return result;
}
