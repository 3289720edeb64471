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
  /** When undecided: the replications at which an interval as wide as the t interval would decide; else null. */
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
  return { verdict: 'undecided', side: 'none', replicationsNeeded: replicationsNeeded(x.meanDiff, x.sdDiff, o.margin, o.level) };
}

/** Above this many replications the t multiplier is the normal quantile to 6 digits: no need to iterate. */
const LARGE = 1_000_000;

/**
 * The number of pairs n at which a t interval of the mean difference, at the observed sd,
 * would be narrow enough to decide: its half-width q · sd / √n at most the gap
 * | |meanDiff| − margin | between the mean and the margin, so n = ⌈(q · sd / gap)²⌉ with q the
 * Student t multiplier for n − 1 degrees of freedom (found by fixed-point iteration from the
 * normal quantile; above 1,000,000 the normal quantile itself). It assumes the mean and sd stay
 * as observed, so it is a planning figure, not a promise. Null when it cannot be computed: sd
 * NaN (fewer than two pairs) or 0, or the mean exactly on the margin (gap 0).
 */
export function replicationsNeeded(meanDiff: number, sd: number, margin: number, level: number): number | null {
  const gap = Math.abs(Math.abs(meanDiff) - margin);
  if (!(gap > 0) || !(sd > 0) || !Number.isFinite(sd)) return null;
  const z = normalQuantile((1 + level) / 2);
  // Capped at the largest safe integer (a gap of 1e-200 would overflow to Infinity, which JSON cannot hold).
  const need = (q: number) => Math.min(Number.MAX_SAFE_INTEGER, Math.max(2, Math.ceil((q * sd / gap) ** 2)));
  let n = need(z);
  if (n > LARGE) return n;
  for (let k = 0; k < 50; k++) {
    const next = need(tMultiplier(n, level));
    if (next <= n) break;
    n = next;
  }
  return n;
}
