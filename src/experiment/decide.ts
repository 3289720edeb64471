/**
 * The verdicts of an experiment's comparisons, decided once every cell is in: the paired
 * t-tests' p-values adjusted by Benjamini–Hochberg within each metric (and pair of hypotheses)
 * across all (scenario, parameter set) cells, then each row's verdict against its metric's
 * practical-equivalence margin (stats/verdict.ts), and for an undecided row the replications a
 * decision would need. Pure: the same pending rows give the same rows.
 */
import { benjaminiHochberg, verdictOf } from '../stats/index.js';
import type { ComparisonRow, PendingRow } from './rows.js';

/**
 * Turns one pair of hypotheses' pending rows (in cell order) into comparison rows: `pAdjusted`
 * per metric over the cells, then `verdict`, `leads` (`a` or `b` by name when the verdict is
 * `leads`, else 'neither') and `replicationsNeeded`. `level` is the interval level (alpha = 1 − level).
 */
export function decideComparison(rows: readonly PendingRow[], a: string, b: string, level: number): ComparisonRow[] {
  const byMetric = new Map<string, number[]>();
  rows.forEach((r, k) => {
    let list = byMetric.get(r.metric);
    if (list === undefined) byMetric.set(r.metric, (list = []));
    list.push(k);
  });
  const adjusted = new Float64Array(rows.length);
  for (const ks of byMetric.values()) {
    const q = benjaminiHochberg(ks.map((k) => rows[k].pValue));
    ks.forEach((k, i) => { adjusted[k] = q[i]; });
  }
  return rows.map((r, k): ComparisonRow => {
    const { sdDiff, ...rest } = r;
    const pAdjusted = adjusted[k];
    const v = verdictOf({ meanDiff: r.meanDiff, ciLow: r.ciLow, ciHigh: r.ciHigh, sdDiff, n: r.n, pAdjusted }, { margin: r.margin, better: r.better, level });
    return { ...rest, pAdjusted, verdict: v.verdict, leads: v.side === 'a' ? a : v.side === 'b' ? b : 'neither', replicationsNeeded: v.replicationsNeeded };
  });
}
