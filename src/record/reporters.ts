/**
 * Named reporters (as Mesa's DataCollector): pure functions of the model at the end of a step,
 * each giving one column of the tidy per-step series. Regional aggregates cost O(active pairs):
 * resting pairs are summed once and kept up to date by the core (core/pair.ts).
 */
import { OUTCOMES } from '../model/activity.js';
import { habitNow, sigmoid, trustLogit, type Ctx } from '../core/pair.js';
import { COUNTERS } from '../world/state.js';

export type Reporter = (c: Ctx) => number;

/**
 * Mean trust, its spread, mean habit (over directed pairs) and mean tension (over unordered
 * pairs), in one pass over the active pairs; resting pairs come from the core's running sums.
 */
function aggregates(c: Ctx, out: Float64Array): void {
  const s = c.s;
  let sum = s.restTrust, sum2 = s.restTrust2, habit = 0;
  for (let a = 0; a < s.activeLCount; a++) {
    const p = s.activeL[a];
    const q = sigmoid(trustLogit(c, p));
    sum += q;
    sum2 += q * q;
    habit += habitNow(c, p);
  }
  let tension = s.restTension;
  for (let a = 0; a < s.activeXCount; a++) {
    const u = s.activeX[a];
    tension += s.X0[u] + (s.X[u] - s.X0[u]) * c.relax[c.t - s.lastX[u]];
  }
  const pairs = c.n * (c.n - 1);
  const mean = sum / pairs;
  out[0] = mean;
  out[1] = Math.sqrt(Math.max(0, sum2 / pairs - mean * mean));
  out[2] = habit / pairs;
  out[3] = tension / (pairs / 2);
}

/** Column name -> reporter, in output order (after `step`). */
export function regionalReporters(): [string, Reporter][] {
  let cache = -1;
  const agg = new Float64Array(4);
  const at = (k: number) => (c: Ctx) => {
    if (cache !== c.t) { aggregates(c, agg); cache = c.t; }
    return agg[k];
  };
  return [
    ['meanTrust', at(0)],
    ['trustSpread', at(1)],
    ['meanTension', at(3)],
    ['meanHabit', at(2)],
    ['agreementsTotal', (c) => c.s.agreementCount],
    ...COUNTERS.map((name, k): [string, Reporter] => [name, (c) => c.s.counters[k]]),
    ...OUTCOMES.map((name, k): [string, Reporter] => [`outcome.${name}`, (c) => c.s.outcomeTotals[k]]),
    ['gains', (c) => c.s.gainTotal],
    ['losses', (c) => c.s.lossTotal],
  ];
}
