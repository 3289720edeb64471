/**
 * Time to a threshold over runs, each run that did not reach it censored at the horizon: the
 * Kaplan–Meier summary of one set of runs.
 */
import { badArgument } from './argument.js';
import { checkLength, kaplanMeier, toEventFlag, type KmPoint } from './kaplan-meier.js';

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
/** Runs censored at the horizon, as flat arrays. */
export interface Censored {
  /** Time of the event, or the horizon for a censored run. */
  t: Float64Array;
  /** 1 if the run reached the threshold within the horizon. */
  e: Uint8Array;
}
/** A problem unless `horizon` is a finite number >= 0. */
export function checkHorizon(horizon: number): void {
  if (typeof horizon !== 'number' || !Number.isFinite(horizon) || horizon < 0) throw badArgument('horizon', `horizon must be a finite number >= 0, got ${String(horizon)}`);
}
/** Each run's time to the threshold, or the horizon when it did not reach it within the horizon. */
export function censorAtHorizon(times: ArrayLike<number>, reached: ArrayLike<boolean>, horizon: number, name: string): Censored {
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
/** The {@link TimeToEvent} of censored runs. */
export function summarizeCensored(c: Censored, horizon: number): TimeToEvent {
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
