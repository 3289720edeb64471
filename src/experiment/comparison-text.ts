/**
 * comparison.txt: the printed table of an experiment's comparisons, per scenario and parameter
 * set, with each metric's verdict (leads, equivalent, undecided) against its margin and the
 * adjusted p-value, and for an undecided cell the replications a decision would need.
 */
import { METRICS } from './metrics.js';
import type { PlanInfo } from './plan-info.js';
import type { Comparison, ComparisonRow } from './rows.js';

/** Fixed digits; a value that rounds to zero is written without a minus sign (not "-0.0000"). */
const fmt = (v: number, digits = 3): string => {
  if (!Number.isFinite(v)) return '-';
  const t = v.toFixed(digits);
  return /^-0\.?0*$/.test(t) ? t.slice(1) : t;
};
const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '-');
/** p-values: three significant decimals, "<0.001" below. */
const pText = (p: number): string => (!Number.isFinite(p) ? '-' : p < 0.001 ? '<0.001' : p.toFixed(3));
/** A margin as short as it reads: 0.02, 0.005, 1. */
const marginText = (m: number): string => (Number.isFinite(m) ? String(Number(m.toPrecision(3))) : '-');

/** The replications a decision would need, in words: "n=1,234 to decide", capped at "more than 1,000,000". */
export function replicationsText(n: number | null): string {
  if (n === null) return '';
  return n > 1_000_000 ? 'more than 1,000,000 replications to decide' : `about ${n.toLocaleString('en-US')} replications to decide`;
}

/** Why a cell is undecided: the replications that would decide, or what else is missing. */
function undecidedWhy(r: ComparisonRow, alpha: number): string {
  if (r.n === 0) return ' (no paired values)';
  if (r.replicationsNeeded !== null) return ` (${replicationsText(r.replicationsNeeded)})`;
  const [lo, hi] = r.better === 'lower' ? [-r.ciHigh, -r.ciLow] : [r.ciLow, r.ciHigh];
  if (lo > r.margin || hi < -r.margin) return ` (the interval is beyond the margin, but p adj is not below ${alpha})`;
  if (Math.abs(r.meanDiff) === r.margin) return ' (the mean difference is on the margin: no number of replications decides it)';
  return '';
}

/** A measure that describes the runs without either hypothesis being better for it (the agreement network against Kinne 2018). */
const neutral = (m: string): boolean => METRICS.find((d) => d.name === m)?.neutral === true;

/** The printed table (comparison.txt): per scenario and parameter set, each metric's verdict. */
export function comparisonText(info: PlanInfo, comparisons: Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    const alpha = Number((1 - c.level).toFixed(6));
    out.push(`${c.a} (A) versus ${c.b} (B), paired on the same seeds; ${Math.round(c.level * 100)}% bootstrap intervals of the mean difference A - B.`);
    out.push(
      `verdict: "leads" when the whole interval lies beyond the metric's margin (a difference too small to matter) on the`,
      `better side and the paired t-test's p-value, adjusted by Benjamini-Hochberg over all cells of the metric (p adj), is`,
      `below ${alpha}; "equivalent" when the whole interval lies within plus or minus the margin; "undecided" otherwise, with`,
      'the replications that would decide at the observed spread (none when the interval is already beyond the margin and',
      'only the adjusted test disagrees, or the mean difference is exactly on the margin).',
    );
    out.push('', `Counts over the ${new Set(c.rows.map((r) => `${r.scenario}|${r.set}`)).size} cells (scenario and parameter set) of each metric:`);
    out.push(`  ${'metric'.padEnd(21)} ${`${c.a} leads`.padStart(18)} ${`${c.b} leads`.padStart(18)} ${'equivalent'.padStart(10)} ${'undecided'.padStart(9)} ${'no values'.padStart(9)}`);
    const metrics = [...new Set(c.rows.map((r) => r.metric))];
    for (const m of metrics) {
      const rs = c.rows.filter((r) => r.metric === m);
      if (neutral(m)) { out.push(`  ${m.padEnd(21)} ${'neither is better on this measure: differences only, no verdicts'.padStart(18)}`); continue; }
      const count = (f: (r: ComparisonRow) => boolean) => String(rs.filter(f).length);
      out.push(`  ${m.padEnd(21)} ${count((r) => r.verdict === 'leads' && r.leads === c.a).padStart(18)} ${count((r) => r.verdict === 'leads' && r.leads === c.b).padStart(18)} ${count((r) => r.verdict === 'equivalent').padStart(10)} ${count((r) => r.verdict === 'undecided' && r.n > 0).padStart(9)} ${count((r) => r.n === 0).padStart(9)}`);
    }
    let group = '';
    for (const r of c.rows) {
      const g = `${r.scenario}${Object.keys(r.params).length > 0 ? ` [${Object.entries(r.params).map(([k, v]) => `${k}=${fmt(v, 3).replace(/\.?0+$/, '')}`).join(', ')}]` : ''}`;
      if (g !== group) {
        group = g;
        out.push('', g);
        out.push(`  ${'metric'.padEnd(21)} ${'A'.padStart(8)} ${'B'.padStart(8)} ${'A - B'.padStart(9)}  ${'interval'.padEnd(21)} ${'margin'.padStart(6)} ${'p adj'.padStart(6)} ${'A wins'.padStart(6)} ${'B wins'.padStart(6)}  verdict`);
      }
      const verdict = neutral(r.metric) ? 'difference only (neither is better)' : r.verdict === 'leads' ? `${r.leads} leads` : r.verdict === 'undecided' ? `undecided${undecidedWhy(r, alpha)}` : r.verdict;
      out.push(`  ${r.metric.padEnd(21)} ${fmt(r.meanA).padStart(8)} ${fmt(r.meanB).padStart(8)} ${fmt(r.meanDiff, 4).padStart(9)}  ${`[${fmt(r.ciLow, 4)}, ${fmt(r.ciHigh, 4)}]`.padEnd(21)} ${marginText(r.margin).padStart(6)} ${pText(r.pAdjusted).padStart(6)} ${pct(r.winsA).padStart(6)} ${pct(r.winsB).padStart(6)}  ${verdict}${r.n < info.replications ? ` (n=${r.n})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
