/**
 * Named reporters (as Mesa's DataCollector): pure functions of the model at the end of a step,
 * each giving one column of the tidy per-step series. Regional aggregates cost O(active pairs):
 * resting pairs are summed once and kept up to date by the core (core/pair.ts).
 */
import { OUTCOMES } from '../model/activity.js';
import { habitNow, sigmoid, trustLogit, type Ctx } from '../core/pair.js';
import { COUNTERS } from '../world/state.js';

export type Reporter = (c: Ctx) => number;

function trustMoments(c: Ctx, out: Float64Array): void {
  const s = c.s;
  let sum = s.restTrust, sum2 = s.restTrust2;
  for (let a = 0; a < s.activeLCount; a++) {
    const q = sigmoid(trustLogit(c, s.activeL[a]));
    sum += q;
    sum2 += q * q;
  }
  const pairs = c.n * (c.n - 1);
  const mean = sum / pairs;
  out[0] = mean;
  out[1] = Math.sqrt(Math.max(0, sum2 / pairs - mean * mean));
}

function meanTension(c: Ctx): number {
  const s = c.s;
  let sum = s.restTension;
  for (let a = 0; a < s.activeXCount; a++) {
    const u = s.activeX[a];
    sum += s.X0[u] + (s.X[u] - s.X0[u]) * c.relax[c.t - s.lastX[u]];
  }
  return sum / ((c.n * (c.n - 1)) / 2);
}

function meanHabit(c: Ctx): number {
  const s = c.s;
  let sum = 0;
  for (let a = 0; a < s.activeLCount; a++) sum += habitNow(c, s.activeL[a]);
  return sum / (c.n * (c.n - 1));
}

/** Column name -> reporter, in output order (after `step`). */
export function regionalReporters(): [string, Reporter][] {
  let cache = -1;
  const moments = new Float64Array(2);
  const trust = (c: Ctx) => {
    if (cache !== c.t) { trustMoments(c, moments); cache = c.t; }
    return moments;
  };
  return [
    ['meanTrust', (c) => trust(c)[0]],
    ['trustSpread', (c) => trust(c)[1]],
    ['meanTension', meanTension],
    ['meanHabit', meanHabit],
    ['agreementsTotal', (c) => c.s.agreementCount],
    ...COUNTERS.map((name, k): [string, Reporter] => [name, (c) => c.s.counters[k]]),
    ...OUTCOMES.map((name, k): [string, Reporter] => [`outcome.${name}`, (c) => c.s.outcomeTotals[k]]),
    ['gains', (c) => c.s.gainTotal],
    ['losses', (c) => c.s.lossTotal],
  ];
}
