/**
 * What a paired comparison of one metric in one cell says, once a margin of practical
 * equivalence is set: that one side leads (its whole interval lies beyond the margin, and the
 * test survives the adjustment for many cells), that the two are equivalent (the whole interval
 * lies inside the margin), or that the data cannot decide yet. This is the interval-based
 * reading of equivalence testing (Schuirmann 1987's two one-sided tests; Kruschke 2018's
 * "region of practical equivalence"): "no significant difference" is not "no difference".
 */
import { normalQuantile } from './normal.js';
import { tMultiplier } from './student.js';

/** `leads`: one side is better by more than the margin; `equivalent`: within the margin; `undecided`: neither yet. */
export type Verdict = 'leads' | 'equivalent' | 'undecided';

export interface VerdictInput {
  /** Mean difference A − B. */
  meanDiff: number;
  /** The interval of the mean difference (the bootstrap interval in comparison.json). */
  ciLow: number;
  ciHigh: number;
  /** Sample sd of the differences, and their number: for the replications a decision would need. */
  sdDiff: number;
  n: number;
  /** The p-value after adjustment for multiplicity (Benjamini–Hochberg in comparison.json). */
  pAdjusted: number;
}

export interface VerdictOptions {
  /** Practical-equivalence margin, in the metric's units (>= 0). */
  margin: number;
  /** Which direction is better for the metric. */
  better: 'higher' | 'lower';
  /** Confidence level of the interval; the test's alpha is 1 − level. */
  level: number;
}

export interface VerdictResult {
  verdict: Verdict;
  /** The side that leads when the verdict is `leads`, else 'none'. */
  side: 'a' | 'b' | 'none';
  /**
   * When undecided: the replications at which an interval as wide as the t interval would
   * decide; null when decided, or when the interval already lies beyond the margin and only the
   * adjusted test disagrees.
   */
  replicationsNeeded: number | null;
}

/**
 * The verdict of one comparison: after orienting the interval so that positive favours A (for
 * a `lower`-is-better metric, −ciHigh .. −ciLow),
 * - `leads` (side a) when pAdjusted < 1 − level and the oriented low end is above `margin`;
 *   `leads` (side b) when pAdjusted < 1 − level and the oriented high end is below −`margin`;
 * - `equivalent` when −margin ≤ ciLow and ciHigh ≤ margin;
 * - `undecided` otherwise (also when the interval is NaN: fewer than two pairs).
 * A margin of 0 makes `leads` the old "the interval excludes zero" (with the adjusted test).
 * See {@link replicationsNeeded} for the last field.
 */
export function verdictOf(x: VerdictInput, o: VerdictOptions): VerdictResult {
  const flip = o.better === 'lower';
  const lo = flip ? -x.ciHigh : x.ciLow;
  const hi = flip ? -x.ciLow : x.ciHigh;
  // alpha = 1 - level, rounded to 12 decimals so that 1 - 0.95 is 0.05 and not 0.05000000000000004.
  const significant = x.pAdjusted < Math.round((1 - o.level) * 1e12) / 1e12;
  if (significant && lo > o.margin) return { verdict: 'leads', side: 'a', replicationsNeeded: null };
  if (significant && hi < -o.margin) return { verdict: 'leads', side: 'b', replicationsNeeded: null };
  if (x.ciLow >= -o.margin && x.ciHigh <= o.margin) return { verdict: 'equivalent', side: 'none', replicationsNeeded: null };
  // An interval already beyond the margin whose adjusted test does not agree: a narrower
  // interval is not what is missing, so no figure is given (comparison.txt says why).
  if (lo > o.margin || hi < -o.margin) return { verdict: 'undecided', side: 'none', replicationsNeeded: null };
  return { verdict: 'undecided', side: 'none', replicationsNeeded: replicationsNeeded(x.meanDiff, x.sdDiff, o.margin, o.level) };
}

/**
 * The smallest number of pairs n ≥ 2 at which a t interval of the mean difference, at the
 * observed sd, would be narrow enough to decide: its half-width t(n) · sd / √n at most the gap
 * | |meanDiff| − margin | between the mean and the margin, with t(n) the Student t multiplier
 * for n − 1 degrees of freedom. Since t(n)² / n decreases as n grows, the condition
 * (t(n) · sd / gap)² ≤ n holds from some n on; that n is found by bisection, starting from the
 * normal approximation ⌈(z · sd / gap)²⌉ (a lower bound, t(n) ≥ z). It assumes the mean and sd
 * stay as observed, so it is a planning figure, not a promise. Null when it cannot be
 * computed: sd NaN (fewer than two pairs) or 0, or the mean exactly on the margin (gap 0).
 * Capped at the largest safe integer.
 */
export function replicationsNeeded(meanDiff: number, sd: number, margin: number, level: number): number | null {
  const gap = Math.abs(Math.abs(meanDiff) - margin);
  if (!(gap > 0) || !(sd > 0) || !Number.isFinite(sd)) return null;
  const ratio = sd / gap;
  const enough = (n: number) => (tMultiplier(n, level) * ratio) ** 2 <= n;
  const z = normalQuantile((1 + level) / 2);
  const start = (z * ratio) ** 2;
  if (!(start < Number.MAX_SAFE_INTEGER / 4)) return Number.MAX_SAFE_INTEGER;
  let lo = Math.max(2, Math.ceil(start));
  if (enough(lo)) return lo;
  let hi = lo;
  do {
    lo = hi;
    hi = Math.min(Number.MAX_SAFE_INTEGER, hi * 2);
  } while (!enough(hi) && hi < Number.MAX_SAFE_INTEGER);
  if (!enough(hi)) return Number.MAX_SAFE_INTEGER;
  // enough(hi) and not enough(lo): bisect to the smallest n that is enough.
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (enough(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}
