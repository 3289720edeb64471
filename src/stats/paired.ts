import { mean, sampleStandardDeviation } from 'simple-statistics';
import { type BootstrapOptions, type ResolvedBootstrap, meanInterval, resolveOptions, toFiniteArray } from './bootstrap.js';
import { badArgument } from './argument.js';
import { pairedTTestP } from './student.js';

/** Which side a paired comparison favours: the sign of the mean difference, when its interval excludes 0. */
export type Leader = 'a' | 'b' | 'none';

/** The part of a paired comparison that depends only on the differences. */
export interface DiffStats {
  n: number;
  /** Mean of the differences. */
  meanDiff: number;
  /** Sample standard deviation of the differences (divisor n − 1); NaN for n < 2. */
  sdDiff: number;
  /** Lower end of the bootstrap interval of the mean difference (pairs resampled together). */
  ciLow: number;
  /** Upper end of the bootstrap interval of the mean difference. */
  ciHigh: number;
  /**
   * Paired Cohen's d_z = meanDiff / sdDiff. When sdDiff is 0 (every difference the same): 0 if
   * that difference is 0, otherwise +Infinity or −Infinity with its sign. NaN for n < 2.
   */
  effectSize: number;
  /** True when the interval lies wholly above or wholly below 0 (false when it is NaN). */
  excludesZero: boolean;
  /**
   * Two-sided p-value of the paired t-test of a zero mean difference (t = meanDiff / (sdDiff / √n),
   * Student t with n − 1 degrees of freedom; see `pairedTTestP`): 1 when every difference is 0,
   * 0 when every difference is the same non-zero number, NaN for n < 2.
   */
  pValue: number;
}

/**
 * Mean, sd, d_z and bootstrap interval of already-validated differences. Resampling the
 * differences is resampling the pairs: the mean of a* − b* over a resample is the mean of the
 * resampled differences.
 */
export function diffStats(d: Float64Array, o: ResolvedBootstrap): DiffStats {
  const n = d.length;
  if (n === 0) return { n: 0, meanDiff: NaN, sdDiff: NaN, ciLow: NaN, ciHigh: NaN, effectSize: NaN, excludesZero: false, pValue: NaN };
  let constant = true;
  for (let i = 1; i < n && constant; i++) constant = d[i] === d[0];
  const arr = Array.from(d);
  const meanDiff = constant ? d[0] : mean(arr);
  const sdDiff = n < 2 ? NaN : constant ? 0 : sampleStandardDeviation(arr);
  let effectSize: number;
  if (n < 2) effectSize = NaN;
  else if (sdDiff === 0) effectSize = meanDiff === 0 ? 0 : meanDiff > 0 ? Infinity : -Infinity;
  else effectSize = meanDiff / sdDiff;
  const ci = meanInterval(d, meanDiff, o);
  const excludesZero = ci.low > 0 || ci.high < 0;
  return { n, meanDiff, sdDiff, ciLow: ci.low, ciHigh: ci.high, effectSize, excludesZero, pValue: pairedTTestP(meanDiff, sdDiff, n) };
}

/** The side a mean difference favours when its interval excludes 0. */
export function leaderOf(s: DiffStats): Leader {
  if (!s.excludesZero) return 'none';
  return s.meanDiff > 0 ? 'a' : s.meanDiff < 0 ? 'b' : 'none';
}

/** Paired comparison of two samples. */
export interface PairedComparison extends DiffStats {
  /** Share of pairs with a[i] > b[i], in [0, 1] (NaN for n = 0). */
  winsA: number;
  /** Share of pairs with a[i] < b[i]. */
  winsB: number;
  /** Share of pairs with a[i] === b[i]. winsA + winsB + ties = 1. */
  ties: number;
  /** 'a' when excludesZero and meanDiff > 0, 'b' when excludesZero and meanDiff < 0, else 'none'. */
  leader: Leader;
}

/**
 * Compares paired samples: a[i] and b[i] come from the same dice (same seed, two conditions).
 *
 * - `meanDiff`, `sdDiff`: mean and sample sd (n − 1) of the differences a[i] − b[i]
 *   (simple-statistics `mean`, `sampleStandardDeviation`);
 * - `ciLow`, `ciHigh`: bootstrap interval of the mean difference, resampling pairs (BCa by
 *   default; see {@link summarize} for the method and the options);
 * - `effectSize`: paired Cohen's d_z = meanDiff / sdDiff (0 when every difference is 0;
 *   ±Infinity when every difference is the same non-zero number; NaN for n < 2);
 * - `winsA`, `winsB`, `ties`: shares of pairs with a > b, a < b, a = b;
 * - `excludesZero`, `leader`: whether the interval excludes 0, and then which side the mean
 *   difference favours;
 * - `pValue`: two-sided paired t-test of a zero mean difference (Student t, n − 1 df).
 *
 * n = 0 gives NaN numbers, excludesZero false and leader 'none'; n = 1 gives the difference, NaN
 * sd, effect size and interval. Swapping a and b negates meanDiff, effectSize and the interval
 * and swaps the wins and the leader. Throws a ProblemError when the lengths differ or a value is
 * not a finite number. Deterministic for the same inputs and seed.
 */
export function pairedComparison(a: ArrayLike<number>, b: ArrayLike<number>, opts: BootstrapOptions): PairedComparison {
  const o = resolveOptions(opts);
  const xa = toFiniteArray(a, 'a');
  const xb = toFiniteArray(b, 'b');
  if (xa.length !== xb.length) throw badArgument('b', `paired samples must have the same length: a has ${xa.length}, b has ${xb.length}`);
  const n = xa.length;
  const d = new Float64Array(n);
  let wa = 0;
  let wb = 0;
  for (let i = 0; i < n; i++) {
    d[i] = xa[i] - xb[i];
    if (!Number.isFinite(d[i])) throw badArgument(`b[${i}]`, `a[${i}] - b[${i}] overflows: ${xa[i]} - ${xb[i]}`);
    if (xa[i] > xb[i]) wa++;
    else if (xa[i] < xb[i]) wb++;
  }
  const s = diffStats(d, o);
  return { ...s, winsA: wa / n, winsB: wb / n, ties: (n - wa - wb) / n, leader: leaderOf(s) };
}
