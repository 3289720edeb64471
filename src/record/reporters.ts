/**
 * Named reporters (as Mesa's DataCollector): pure functions of the model at the end of a step,
 * each giving one column of the tidy per-step series. Regional aggregates cost O(active pairs):
 * resting pairs are summed once and kept up to date by the core (core/pair.ts).
 */
import { OUTCOMES } from '../model/activity.js';
import { sigmoid } from '../model/logistic.js';
import { habitNow, trustLogit, type Ctx } from '../core/pair.js';
import { COUNTERS } from '../world/state.js';
import { networkMeasures } from './network.js';

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

/** The regional columns of the per-step series, in output order (after `step`). */
export const REGIONAL_COLUMNS: readonly string[] = [
  'meanTrust', 'trustSpread', 'meanTension', 'meanHabit', 'agreementsTotal',
  ...COUNTERS, ...OUTCOMES.map((name) => `outcome.${name}`), 'gains', 'losses',
  // model 0.3 (MODEL 6, 6c, 7b): the agreement network, and trust-first's stances.
  'networkTies', 'networkDensity', 'networkClustering', 'networkTriadicShare', 'networkDegreeDependence',
  'declarations', 'revocations', 'cancelled', 'audienceCosts', 'extending',
];

/** Share of directed partner pairs whose stance is to extend trust (trust-first). */
function extendingShare(c: Ctx): number {
  const { w, s, n } = c;
  const { start, list } = w.partners;
  let on = 0;
  for (let i = 0; i < n; i++) for (let k = start[i]; k < start[i + 1]; k++) on += s.stance[i * n + list[k]];
  return list.length > 0 ? on / list.length : 0;
}

const AGG = new Float64Array(4);

/** Writes every regional column for the current step into out[at .. at + columns). */
export function recordRow(c: Ctx, out: Float64Array, at: number): void {
  const s = c.s;
  aggregates(c, AGG);
  out[at] = AGG[0];
  out[at + 1] = AGG[1];
  out[at + 2] = AGG[3];
  out[at + 3] = AGG[2];
  out[at + 4] = s.agreementCount;
  let k = at + 5;
  for (let q = 0; q < s.counters.length; q++) out[k++] = s.counters[q];
  for (let q = 0; q < s.outcomeTotals.length; q++) out[k++] = s.outcomeTotals[q];
  out[k++] = s.gainTotal;
  out[k++] = s.lossTotal;
  const net = networkMeasures(c);
  out[k++] = net.ties;
  out[k++] = net.density;
  out[k++] = net.clustering;
  out[k++] = net.triadicShare;
  out[k++] = net.degreeDependence;
  out[k++] = s.declarations;
  out[k++] = s.revocations;
  out[k++] = s.cancelled;
  out[k++] = s.audienceCosts;
  out[k] = extendingShare(c);
}

/**
 * Named reporters (column name -> function of the model), as Mesa's DataCollector: each reads
 * the row `recordRow` writes, computed once per step.
 */
export function regionalReporters(): [string, Reporter][] {
  let cache = -1;
  const row = new Float64Array(REGIONAL_COLUMNS.length);
  return REGIONAL_COLUMNS.map((name, k): [string, Reporter] => [name, (c: Ctx) => {
    if (cache !== c.t) { recordRow(c, row, 0); cache = c.t; }
    return row[k];
  }]);
}
