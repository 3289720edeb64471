/**
 * Paired comparison of times to a threshold: run i of A and run i of B share their dice, each
 * censored at the horizon.
 */
import { type BootstrapOptions, resolveOptions } from './bootstrap.js';
import { type DiffStats, type Leader, diffStats, leaderOf } from './paired.js';
import { badArgument } from './argument.js';
import { censorAtHorizon, checkHorizon, summarizeCensored } from './time-to-event.js';

/** Paired comparison of times to a threshold, runs censored at the horizon. */
export interface PairedTimeToEvent extends DiffStats {
  /** `meanDiff` etc. are of the restricted times min(T, horizon), A minus B (negative: A sooner). */
  restrictedMeanA: number;
  restrictedMeanB: number;
  medianA: number | null;
  medianB: number | null;
  shareReachedA: number;
  shareReachedB: number;
  /** Share of pairs where A reached first (B later or never). */
  aFirst: number;
  /** Share of pairs where B reached first (A later or never). */
  bFirst: number;
  /** Share of pairs reaching at the same time or both never. aFirst + bFirst + ties = 1. */
  ties: number;
  /** 'a' when the interval excludes 0 and A is sooner on average (meanDiff < 0), 'b' the reverse, else 'none'. */
  faster: Leader;
}

/**
 * Compares paired times to a threshold (run i of A and run i of B share their dice), each run
 * censored at `horizon` as in {@link timeToEvent}.
 *
 * - `meanDiff`, `sdDiff`, `ciLow`, `ciHigh`, `effectSize`, `excludesZero`: as
 *   {@link pairedComparison} on the restricted times min(T, horizon) of A minus B (a run that
 *   never reaches counts as the horizon), the interval a bootstrap of pairs (BCa by default);
 * - `restrictedMeanA`, `restrictedMeanB`, `medianA`, `medianB`, `shareReachedA`,
 *   `shareReachedB`: {@link timeToEvent} of each side;
 * - `aFirst`, `bFirst`, `ties`: shares of pairs where A reached strictly first, B strictly first,
 *   or neither (same time, or neither reached); a run that never reaches is later than one that
 *   does, even one that reaches at the horizon;
 * - `faster`: the side with the shorter restricted mean time when the interval excludes 0.
 *
 * Throws a ProblemError when the four arrays differ in length.
 */
export function pairedTimeToEvent(
  timesA: ArrayLike<number>,
  reachedA: ArrayLike<boolean>,
  timesB: ArrayLike<number>,
  reachedB: ArrayLike<boolean>,
  horizon: number,
  opts: BootstrapOptions,
): PairedTimeToEvent {
  const o = resolveOptions(opts);
  checkHorizon(horizon);
  const a = censorAtHorizon(timesA, reachedA, horizon, 'A');
  const b = censorAtHorizon(timesB, reachedB, horizon, 'B');
  const n = a.t.length;
  if (b.t.length !== n) throw badArgument('timesB', `paired runs must have the same length: A has ${n}, B has ${b.t.length}`);
  const d = new Float64Array(n);
  let fa = 0;
  let fb = 0;
  for (let i = 0; i < n; i++) {
    d[i] = a.t[i] - b.t[i];
    const ea = a.e[i] ? a.t[i] : Infinity;
    const eb = b.e[i] ? b.t[i] : Infinity;
    if (ea < eb) fa++;
    else if (eb < ea) fb++;
  }
  const s = diffStats(d, o);
  const ta = summarizeCensored(a, horizon);
  const tb = summarizeCensored(b, horizon);
  const lead = leaderOf(s);
  return {
    ...s,
    restrictedMeanA: ta.restrictedMean,
    restrictedMeanB: tb.restrictedMean,
    medianA: ta.median,
    medianB: tb.median,
    shareReachedA: ta.shareReached,
    shareReachedB: tb.shareReached,
    aFirst: fa / n,
    bFirst: fb / n,
    ties: (n - fa - fb) / n,
    faster: lead === 'a' ? 'b' : lead === 'b' ? 'a' : 'none',
  };
}
