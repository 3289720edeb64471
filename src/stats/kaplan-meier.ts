/**
 * The Kaplan–Meier estimator of time to an event with right censoring: the survival curve, its
 * median and restricted mean.
 */
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
/** An event flag: true or 1, false or 0; anything else is a problem with `name[i]`. */
export function toEventFlag(v: unknown, name: string, i: number): boolean {
  if (v === true || v === 1) return true;
  if (v === false || v === 0) return false;
  throw badArgument(`${name}[${i}]`, `${name}[${i}] must be a boolean (or 0/1), got ${String(v)}`);
}
/** The length of an array argument, or a problem with `name` when it is not one. */
export function checkLength(x: ArrayLike<unknown>, name: string): number {
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
