/**
 * Time to an event (a threshold reached) with right censoring: the Kaplan–Meier estimator, its
 * median and restricted mean, and paired comparisons of restricted times.
 */
import { type BootstrapOptions, resolveOptions } from './bootstrap.js';
import { type DiffStats, type Leader, diffStats, leaderOf } from './paired.js';
import { badArgument } from './argument.js';

/** One step of a Kaplan–Meier curve, at an event time. */
export interface KmPoint {
  /** Event time. */
  t: number;
  /** Number at risk just before t (not yet had the event or been censored before t). */
  atRisk: number;
  /** Number of events at t. */
  events: number;
  /** Kaplan–Meier survival S(t) just after t: the share estimated not to have had the event by t. */
  survival: number;
}

/** A Kaplan–Meier estimate. */
export interface KaplanMeier {
  n: number;
  events: number;
  censored: number;
  /** The step function at event times, in increasing t; S = 1 before the first. */
  curve: KmPoint[];
  /** Smallest event time t with S(t) ≤ 0.5, or null if S never falls to 0.5. */
  median: number | null;
  /** The time the restricted mean runs to. */
  tau: number;
  /** Area under the curve from 0 to tau (restricted mean survival time). */
  restrictedMean: number;
}

/** S(t) counts as at most 0.5 up to this much above it (rounding in the product). */
const MEDIAN_TOLERANCE = 1e-12;

function toEventFlag(v: unknown, name: string, i: number): boolean {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  throw badArgument(`${name}[${i}]`, `${name}[${i}] must be a boolean (or 0/1), got ${String(v)}`);
}

function checkLength(x: ArrayLike<unknown>, name: string): number {
  if (x === null || x === undefined || typeof x.length !== 'number') throw badArgument(name, `${name} must be an array`);
  return x.length;
}

/**
 * Kaplan–Meier product-limit estimate (Kaplan & Meier 1958) for right-censored data: `times[i]`
 * is when subject i had the event (`events[i]` true) or was censored (`events[i]` false). Times
 * must be finite and ≥ 0. At a time with both events and censorings the events come first (the
 * censored are still at risk), as usual.
 *
 * S(t) = ∏_{event times tⱼ ≤ t} (1 − dⱼ/nⱼ), dⱼ events at tⱼ and nⱼ at risk just before tⱼ;
 * between censorings the product is computed as one ratio (exact when nothing is censored).
 * `median` is the smallest event time with S(t) ≤ 0.5 (no averaging when S is exactly 0.5 over an
 * interval, unlike R's survfit), or null. `restrictedMean` is ∫₀^τ S(t) dt with τ = `tau` (default:
 * the largest time observed), S held at its last value beyond the last observation.
 * n = 0 gives an empty curve, median null and restrictedMean NaN.
 */
export function kaplanMeier(times: ArrayLike<number>, events: ArrayLike<boolean>, tau?: number): KaplanMeier {
  const n = checkLength(times, 'times');
  if (checkLength(events, 'events') !== n) throw badArgument('events', `times and events must have the same length: ${n} and ${events.length}`);
  const t = new Float64Array(n);
  const e = new Uint8Array(n);
  let nEvents = 0;
  let tMax = 0;
  for (let i = 0; i < n; i++) {
    const v = times[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw badArgument(`times[${i}]`, `times[${i}] must be a finite number >= 0, got ${String(v)}`);
    t[i] = v;
    if (v > tMax) tMax = v;
    if (toEventFlag(events[i], 'events', i)) {
      e[i] = 1;
      nEvents++;
    }
  }
  if (tau !== undefined && !(typeof tau === 'number' && Number.isFinite(tau) && tau >= 0)) throw badArgument('tau', `tau must be a finite number >= 0, got ${String(tau)}`);
  const end = tau ?? tMax;
  if (n === 0) return { n: 0, events: 0, censored: 0, curve: [], median: null, tau: end, restrictedMean: NaN };

  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => t[i] - t[j]);
  const curve: KmPoint[] = [];
  let atRisk = n;
  let base = 1; // S at the last censoring
  let baseRisk = n; // number at risk just after the last censoring
  let s = 1;
  let median: number | null = null;
  let area = 0;
  let prevT = 0;
  for (let k = 0; k < n; ) {
    const time = t[order[k]];
    let d = 0;
    let c = 0;
    while (k < n && t[order[k]] === time) {
      if (e[order[k]]) d++;
      else c++;
      k++;
    }
    if (d > 0) {
      if (time <= end) area += s * (time - prevT);
      else if (prevT < end) area += s * (end - prevT);
      prevT = Math.min(time, end);
      s = (base * (atRisk - d)) / baseRisk;
      curve.push({ t: time, atRisk, events: d, survival: s });
      if (median === null && s <= 0.5 + MEDIAN_TOLERANCE) median = time;
    }
    atRisk -= d + c;
    if (c > 0) {
      base = s;
      baseRisk = atRisk;
    }
  }
  if (prevT < end) area += s * (end - prevT);
  return { n, events: nEvents, censored: n - nEvents, curve, median, tau: end, restrictedMean: area };
}

/** Time to a threshold over runs censored at the horizon. */
export interface TimeToEvent {
  n: number;
  /** Runs that reached the threshold within the horizon. */
  events: number;
  /** Runs that did not (censored at the horizon). */
  censored: number;
  /** events / n (NaN for n = 0). */
  shareReached: number;
  /** Kaplan–Meier median: smallest t with S(t) ≤ 0.5; null if fewer than half the runs reach. */
  median: number | null;
  /** Kaplan–Meier step function at event times. */
  curve: KmPoint[];
  /**
   * Restricted mean time to the threshold up to the horizon: the area under the Kaplan–Meier
   * curve from 0 to the horizon, which (censoring only at the horizon) equals the mean of
   * min(T, horizon). NaN for n = 0.
   */
  restrictedMean: number;
}

interface Censored {
  /** Time of the event, or the horizon for a censored run. */
  t: Float64Array;
  /** 1 if the run reached the threshold within the horizon. */
  e: Uint8Array;
}

function checkHorizon(horizon: number): void {
  if (typeof horizon !== 'number' || !Number.isFinite(horizon) || horizon < 0) throw badArgument('horizon', `horizon must be a finite number >= 0, got ${String(horizon)}`);
}

function censorAtHorizon(times: ArrayLike<number>, reached: ArrayLike<boolean>, horizon: number, name: string): Censored {
  const n = checkLength(times, `times${name}`);
  if (checkLength(reached, `reached${name}`) !== n) throw badArgument(`reached${name}`, `times${name} and reached${name} must have the same length: ${n} and ${reached.length}`);
  const t = new Float64Array(n);
  const e = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (toEventFlag(reached[i], `reached${name}`, i)) {
      const v = times[i];
      if (typeof v !== 'number' || Number.isNaN(v) || v < 0) throw badArgument(`times${name}[${i}]`, `times${name}[${i}] of a run that reached must be a number >= 0, got ${String(v)}`);
      if (v <= horizon) {
        t[i] = v;
        e[i] = 1;
        continue;
      }
    }
    t[i] = horizon;
  }
  return { t, e };
}

function summarizeCensored(c: Censored, horizon: number): TimeToEvent {
  const km = kaplanMeier(c.t, Array.from(c.e, (v) => v === 1), horizon);
  return {
    n: km.n,
    events: km.events,
    censored: km.censored,
    shareReached: km.n === 0 ? NaN : km.events / km.n,
    median: km.median,
    curve: km.curve,
    restrictedMean: km.restrictedMean,
  };
}

/**
 * Kaplan–Meier estimate of the time to a threshold over runs, each run that did not reach it
 * right-censored at `horizon` (administrative censoring: all at the same time).
 *
 * Run i reached the threshold at `times[i]` when `reached[i]` is true (or 1) and
 * `times[i] <= horizon`; a run marked reached later than the horizon counts as not reached within
 * it. The time of a run that did not reach is ignored (it may be NaN or anything). See
 * {@link kaplanMeier} for the estimator and the median. `restrictedMean` is the restricted mean
 * time (RMST) to the horizon.
 */
export function timeToEvent(times: ArrayLike<number>, reached: ArrayLike<boolean>, horizon: number): TimeToEvent {
  checkHorizon(horizon);
  return summarizeCensored(censorAtHorizon(times, reached, horizon, ''), horizon);
}

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
