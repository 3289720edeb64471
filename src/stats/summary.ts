import { max, mean, median, min, sampleStandardDeviation } from 'simple-statistics';
import { type BootstrapOptions, meanInterval, resolveOptions, toFiniteArray } from './bootstrap.js';

/** Summary of one sample. */
export interface Summary {
  n: number;
  mean: number;
  /** Sample standard deviation (divisor n − 1); NaN for n < 2, exactly 0 for a constant sample. */
  sd: number;
  min: number;
  max: number;
  median: number;
  /** Lower end of the bootstrap confidence interval of the mean. */
  ciLow: number;
  /** Upper end of the bootstrap confidence interval of the mean. */
  ciHigh: number;
}

/**
 * Describes a sample and gives a bootstrap confidence interval of its mean.
 *
 * - `mean`: arithmetic mean (simple-statistics `mean`, compensated summation);
 * - `sd`: sample standard deviation with divisor n − 1 (simple-statistics `sampleStandardDeviation`);
 * - `min`, `max`, `median` (simple-statistics; the median of an even count is the average of the
 *   two middle values);
 * - `ciLow`, `ciHigh`: the `level` (default 0.95) bootstrap interval of the mean from `resamples`
 *   (default 2000) resamples drawn with seedrandom's Alea seeded by `seed`; BCa (bias-corrected
 *   and accelerated, Efron & Tibshirani 1993 ch. 14, acceleration from the jackknife) unless
 *   `method: 'percentile'`; see `bcaInterval` in bootstrap.ts for the details.
 *
 * Edge cases: n = 0 gives n 0 and every other field NaN; n = 1 gives the value as mean, min, max
 * and median, and NaN for sd, ciLow and ciHigh (one value says nothing about its spread); a
 * constant sample (n ≥ 2) gives its value exactly as mean, sd 0 and the zero-width interval
 * [value, value]. A value that is not a finite number throws a ProblemError.
 *
 * Deterministic: the same values, options and seed give the same numbers bit for bit.
 */
export function summarize(values: ArrayLike<number>, opts: BootstrapOptions): Summary {
  const o = resolveOptions(opts);
  const x = toFiniteArray(values, 'values');
  const n = x.length;
  if (n === 0) return { n: 0, mean: NaN, sd: NaN, min: NaN, max: NaN, median: NaN, ciLow: NaN, ciHigh: NaN };
  const arr = Array.from(x);
  const lo = min(arr);
  const hi = max(arr);
  const constant = lo === hi;
  const m = constant ? lo : mean(arr);
  const sd = n < 2 ? NaN : constant ? 0 : sampleStandardDeviation(arr);
  const ci = meanInterval(x, m, o);
  return { n, mean: m, sd, min: lo, max: hi, median: constant ? lo : median(arr), ciLow: ci.low, ciHigh: ci.high };
}
