/**
 * The pair that differs most between two runs: the directed pair whose final trust (final.json)
 * differs most, its trust over time in both runs (pairs.csv, else the event log) and its
 * explanation in each (explainPair).
 */
import { explainPair, type PairExplanation } from '../../explain/index.js';
import type { TrendRow } from '../../charts/index.js';
import type { RunInput } from '../run/index.js';

/** The directed pair (from's trust in to) whose final trust differs most, B − A; null with fewer than two states. */
export interface PairDifference {
  from: string;
  to: string;
  a: number;
  b: number;
  difference: number;
}

/**
 * The directed pair with the largest |trust_B − trust_A| at the end (final.json); ties go to the
 * first in row-major order (the states' order). Both runs must have the same states.
 */
export function mostDifferentPair(a: RunInput, b: RunInput): PairDifference | null {
  const fa = a.data.final, fb = b.data.final;
  let best: PairDifference | null = null;
  for (let i = 0; i < fa.states.length; i++) {
    for (let j = 0; j < fa.states.length; j++) {
      if (i === j) continue;
      const d = fb.trust[i][j] - fa.trust[i][j];
      if (best === null || Math.abs(d) > Math.abs(best.difference)) best = { from: fa.states[i], to: fa.states[j], a: fa.trust[i][j], b: fb.trust[i][j], difference: d };
    }
  }
  return best;
}

/** A pair's explanation in one run, or why there is none. */
export function explanationIn(r: RunInput, from: string, to: string): PairExplanation | string {
  if (r.explain === null) return r.explainCaveat ?? 'the run has no event log';
  try {
    return explainPair(r.explain, { observer: from, subject: to });
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

/**
 * A pair's trust at every step of one run, as a trajectory named `series`: from pairs.csv when
 * the run has it (`exact`), else from the event log through its explanation, trust after the last
 * event of each step held until the next (the forgetting between events is not drawn). Null when
 * the run has neither.
 */
export function pairTrack(r: RunInput, from: string, to: string, series: string, e: PairExplanation | string): { rows: TrendRow[]; exact: boolean } | null {
  const rows = r.data.pairs.filter((p) => p.from === from && p.to === to);
  if (rows.length > 0) return { rows: rows.map((p) => ({ series, step: p.step, date: p.date, mean: p.trust })), exact: true };
  if (typeof e === 'string') return null;
  const after = new Map<number, number>();
  for (const ev of e.events) after.set(ev.step, ev.trustAfter);
  let trust = e.from.trust;
  const out: TrendRow[] = [];
  for (const s of r.data.series) {
    trust = after.get(s.step) ?? trust;
    out.push({ series, step: s.step, date: s.date, mean: s.step === e.to.step ? e.to.trust : trust });
  }
  return { rows: out, exact: false };
}
