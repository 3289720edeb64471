/**
 * Student's t distribution, for intervals and tests on small samples: the quantile and the
 * distribution function come from the stdlib project's implementations
 * (`@stdlib/stats-base-dists-t-quantile`, `@stdlib/stats-base-dists-t-cdf`, built on the
 * regularized incomplete beta function; in the tests they agree with SciPy's `stats.t` to about
 * 1e-12), and the rest is what the experiment analysis builds on them.
 */
import tCdf from '@stdlib/stats-base-dists-t-cdf';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';

/**
 * The p quantile of Student's t with `df` degrees of freedom (df > 0, not necessarily whole):
 * −∞ at 0, +∞ at 1, NaN for p outside [0, 1] or df ≤ 0. Tends to the normal quantile as df grows.
 */
export function studentQuantile(p: number, df: number): number {
  if (!(df > 0)) return NaN;
  return tQuantile(p, df);
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom (df > 0); NaN for df ≤ 0. */
export function studentCdf(t: number, df: number): number {
  if (!(df > 0)) return NaN;
  return tCdf(t, df);
}

/**
 * The multiplier of a two-sided `level` interval of a mean from n values: the (1 + level)/2
 * quantile of Student's t with n − 1 degrees of freedom (e.g. 2.776 for n = 5, 2.093 for n = 20,
 * 1.984 for n = 100 at level 0.95; 1.95996 in the limit). NaN for n < 2.
 */
export function tMultiplier(n: number, level: number): number {
  return n >= 2 ? studentQuantile((1 + level) / 2, n - 1) : NaN;
}

/** A t interval of a mean. */
export interface MeanInterval {
  low: number;
  high: number;
  /** The half-width q · sd / √n. */
  half: number;
}

/**
 * The Student t interval of a mean: mean ± q · sd / √n with q = {@link tMultiplier}(n, level)
 * (exact under normality, and close for means of many runs by the central limit theorem). NaN at
 * both ends for n < 2; [mean, mean] when sd is 0.
 */
export function tInterval(mean: number, sd: number, n: number, level: number): MeanInterval {
  if (!(n >= 2)) return { low: NaN, high: NaN, half: NaN };
  const half = sd === 0 ? 0 : tMultiplier(n, level) * sd / Math.sqrt(n);
  return { low: mean - half, high: mean + half, half };
}

/**
 * The two-sided p-value of the one-sample (paired) t-test of a zero mean difference:
 * t = meanDiff / (sd / √n), p = 2 · P(T_{n−1} ≥ |t|). Edge cases: sd 0 gives 1 when the mean is
 * 0 and 0 otherwise (every difference the same, and not zero); n < 2 or a NaN input gives NaN.
 */
export function pairedTTestP(meanDiff: number, sd: number, n: number): number {
  if (!(n >= 2) || Number.isNaN(meanDiff) || Number.isNaN(sd)) return NaN;
  if (sd === 0) return meanDiff === 0 ? 1 : 0;
  const t = meanDiff / (sd / Math.sqrt(n));
  return Math.min(1, 2 * studentCdf(-Math.abs(t), n - 1));
}
