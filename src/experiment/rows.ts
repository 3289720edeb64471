/**
 * The rows of an experiment's result files for one scenario and parameter set, as pure
 * functions of plan.json and that block's numbers: `runs.csv` (one row per run), `summary.csv`
 * (per hypothesis and metric), the paired comparisons of every two hypotheses, and `steps.csv`
 * (per hypothesis, step and trace). The same numbers give the same text, bit for bit.
 */
import { quantileSorted } from 'simple-statistics';
import { kaplanMeier, pairedComparison, pairedTimeToEvent, summarize, tInterval } from '../stats/index.js';
import { METRICS, RECORD_COLUMNS, RECORD_WIDTH, TRACE_COLUMNS, TRACE_WIDTH, type MetricDef } from './metrics.js';
import { marginOf, type PlanInfo } from './plan-info.js';
import { seedOf } from './plan.js';
import { monthIndex, stepDate } from '../model/calendar.js';
import type { Verdict } from '../stats/index.js';

export { comparisonText } from './comparison-text.js';

/** Numbers as the shortest text that reads back the same; NaN as an empty cell. */
export const num = (v: number): string => (Number.isNaN(v) ? '' : String(v));
export const csvText = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export interface ComparisonRow {
  scenario: string;
  set: number;
  params: Record<string, number>;
  metric: string;
  better: 'higher' | 'lower';
  /** Pairs (seeds) compared: both runs have a value. */
  n: number;
  meanA: number;
  meanB: number;
  /** Mean of A - B over the paired seeds (for time metrics: of the recorded times, a run that did not reach counting as the steps it was observed for). */
  meanDiff: number;
  ciLow: number;
  ciHigh: number;
  effectSize: number;
  winsA: number;
  winsB: number;
  ties: number;
  /** Kept for compatibility: whether the interval excludes zero (the verdict is what to read). */
  excludesZero: boolean;
  /** Kept for compatibility: the side the mean difference favours when the interval excludes zero, whatever the margin and the adjusted test. */
  leader: 'a' | 'b' | 'none';
  /** The practical-equivalence margin of the metric, in its units (>= 0; `analysis.margins` or the metric's default). */
  margin: number;
  /** Two-sided paired t-test of a zero mean difference (Student t, n - 1 df); null in JSON when n < 2. */
  pValue: number;
  /** `pValue` adjusted by Benjamini-Hochberg within this metric and pair of hypotheses, across every (scenario, set) cell. */
  pAdjusted: number;
  /** `leads`: pAdjusted < 1 - level and the interval lies wholly beyond the margin; `equivalent`: wholly inside [-margin, margin]; else `undecided`. */
  verdict: Verdict;
  /** The hypothesis that leads when the verdict is `leads`, else 'neither'. */
  leads: string;
  /** When undecided: the replications at which the interval would decide at the observed sd (a planning figure); else null. */
  replicationsNeeded: number | null;
}

export interface Comparison {
  a: string;
  b: string;
  level: number;
  rows: ComparisonRow[];
}

/** One scenario and parameter set: its R x H records (replication-major). */
export interface Block { scenario: number; set: number; records: Float64Array }

export const RUNS_HEADER = (info: PlanInfo): string => ['run', 'scenario', 'set', ...info.conditionNames, 'replication', 'hypothesis', 'seed', ...RECORD_COLUMNS].map(csvText).join(',');
export const SUMMARY_HEADER = (info: PlanInfo): string => ['scenario', 'set', ...info.conditionNames, 'hypothesis', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'median', 'reached'].map(csvText).join(',');
export const STEPS_HEADER = 'scenario,set,hypothesis,step,date,metric,n,mean,sd,ciLow,ciHigh,p10,p90';

export function metricDefs(info: PlanInfo): MetricDef[] {
  return METRICS.filter((m) => info.metrics.includes(m.name));
}

/** The pairs of hypotheses compared: every two, earlier first. */
export function hypothesisPairs(info: PlanInfo): [number, number][] {
  const pairs: [number, number][] = [];
  for (let a = 0; a < info.hypotheses.length; a++) for (let b = a + 1; b < info.hypotheses.length; b++) pairs.push([a, b]);
  return pairs;
}

const recordColumn = (name: string): number => RECORD_COLUMNS.indexOf(name);

/** The per-run values of one metric of one hypothesis, from a block of R x H records. */
function column(block: Float64Array, R: number, H: number, h: number, col: number): Float64Array {
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) out[r] = block[(r * H + h) * RECORD_WIDTH + col];
  return out;
}

const finite = (xs: Float64Array): Float64Array => xs.filter((x) => Number.isFinite(x));

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return xs.length > 0 ? s / xs.length : NaN;
}

const paramCells = (info: PlanInfo, p: number): string[] => info.conditionNames.map((c) => num(info.sets[p][c] ?? NaN));

/** runs.csv: one line per run of the block. */
export function runRows(info: PlanInfo, b: Block): string[] {
  const H = info.hypotheses.length, R = info.replications, P = info.sets.length;
  const sc = info.scenarios[b.scenario];
  const first = (b.scenario * P + b.set) * R * H;
  const cellsOfSet = paramCells(info, b.set);
  const out: string[] = [];
  for (let r = 0; r < R; r++) {
    const seed = seedOf(info, sc.name, b.set, r);
    for (let h = 0; h < H; h++) {
      const at = (r * H + h) * RECORD_WIDTH;
      const cells = [String(first + r * H + h), csvText(sc.name), String(b.set), ...cellsOfSet, String(r), info.hypotheses[h], String(seed)];
      for (let k = 0; k < RECORD_WIDTH; k++) cells.push(num(b.records[at + k]));
      out.push(cells.join(','));
    }
  }
  return out;
}

/** summary.csv: one line per hypothesis and metric of the block. */
export function summaryRows(info: PlanInfo, b: Block): string[] {
  const H = info.hypotheses.length, R = info.replications;
  const { resamples, level } = info.analysis;
  const sc = info.scenarios[b.scenario];
  const out: string[] = [];
  for (let h = 0; h < H; h++) {
    for (const m of metricDefs(info)) {
      const seed = `${info.baseSeed}|${sc.name}|${b.set}|${info.hypotheses[h]}|${m.name}`;
      const x = column(b.records, R, H, h, recordColumn(m.name));
      let cells: string[];
      if (m.kind === 'value') {
        const st = summarize(finite(x), { seed, resamples, level });
        cells = [st.n, st.mean, st.sd, st.ciLow, st.ciHigh, st.median, NaN].map(num);
      } else {
        const reached = column(b.records, R, H, h, recordColumn(`${m.name}.reached`));
        const keep = [...reached.keys()].filter((k) => Number.isFinite(x[k]));
        const times = Float64Array.from(keep, (k) => x[k]);
        // Kaplan-Meier with each run censored where it was last observed (the recorded time:
        // for beliefRecovery and activityRecovery, the steps from the event to the end of the run).
        const km = kaplanMeier(times, keep.map((k) => reached[k] === 1));
        const st = summarize(times, { seed, resamples, level });
        cells = [km.n, st.mean, st.sd, st.ciLow, st.ciHigh, km.median ?? NaN, km.n > 0 ? km.events / km.n : NaN].map(num);
      }
      out.push([csvText(sc.name), String(b.set), ...paramCells(info, b.set), info.hypotheses[h], m.name, ...cells].join(','));
    }
  }
  return out;
}

/** A comparison row before the adjustment across cells (analysis: `decideComparison`), with the sd its planning figure needs. */
export type PendingRow = Omit<ComparisonRow, 'pAdjusted' | 'verdict' | 'leads' | 'replicationsNeeded'> & { sdDiff: number };

/** The comparison rows of the block, one list per pair of hypotheses (as `hypothesisPairs`), before the adjustment across cells. */
export function comparisonRows(info: PlanInfo, b: Block): PendingRow[][] {
  const H = info.hypotheses.length, R = info.replications;
  const { resamples, level } = info.analysis;
  const sc = info.scenarios[b.scenario];
  const params = info.sets[b.set];
  return hypothesisPairs(info).map(([a, bh]) => metricDefs(info).map((m): PendingRow => {
    const seed = `${info.baseSeed}|${sc.name}|${b.set}|${info.hypotheses[a]}-vs-${info.hypotheses[bh]}|${m.name}`;
    const xa = column(b.records, R, H, a, recordColumn(m.name));
    const xb = column(b.records, R, H, bh, recordColumn(m.name));
    const keep = [...xa.keys()].filter((k) => Number.isFinite(xa[k]) && Number.isFinite(xb[k]));
    const va = Float64Array.from(keep, (k) => xa[k]);
    const vb = Float64Array.from(keep, (k) => xb[k]);
    const pc = pairedComparison(va, vb, { seed, resamples, level });
    let winsA: number, winsB: number, ties: number;
    if (m.kind === 'value') {
      // A "wins" a seed when it does better on it: higher, or lower for metrics where lower is better.
      [winsA, winsB] = m.better === 'higher' ? [pc.winsA, pc.winsB] : [pc.winsB, pc.winsA];
      ties = pc.ties;
    } else {
      const ra = column(b.records, R, H, a, recordColumn(`${m.name}.reached`));
      const rb = column(b.records, R, H, bh, recordColumn(`${m.name}.reached`));
      // Wins: who reached first (never is last). Differences: of the recorded times, each run's
      // time restricted to what was observed of it, so that meanDiff = meanA - meanB.
      const pt = pairedTimeToEvent(va, keep.map((k) => ra[k] === 1), vb, keep.map((k) => rb[k] === 1), sc.steps, { seed, resamples, level });
      [winsA, winsB, ties] = [pt.aFirst, pt.bFirst, pt.ties];
    }
    const aBetter = m.better === 'higher' ? pc.meanDiff > 0 : pc.meanDiff < 0;
    const leader = !pc.excludesZero || pc.meanDiff === 0 ? 'none' : aBetter ? 'a' : 'b';
    return {
      scenario: sc.name, set: b.set, params, metric: m.name, better: m.better,
      n: pc.n, meanA: mean(va), meanB: mean(vb), meanDiff: pc.meanDiff, ciLow: pc.ciLow, ciHigh: pc.ciHigh, effectSize: pc.effectSize,
      winsA, winsB, ties, excludesZero: pc.excludesZero, leader, margin: marginOf(info, m.name), pValue: pc.pValue, sdDiff: pc.sdDiff,
    };
  }));
}

function dateOf(start: string, stepMonths: number, step: number): string {
  return stepDate({ startMonth: monthIndex(start), stepMonths }, step);
}

/**
 * steps.csv: one line per hypothesis, step (1 .. steps, as in series.csv) and trace of the block. `traces(run, count)` gives
 * the traces of `count` runs of the block from its `run`-th (steps x TRACE_WIDTH numbers each);
 * they are read one trace metric at a time, about 1 MB at once, so memory stays bounded.
 * `ciLow`, `ciHigh`: the Student t interval of the mean over the R replications (`tInterval`,
 * R - 1 degrees of freedom; e.g. 2.776 sd / sqrt(5) either side for R = 5 at level 0.95).
 */
export function stepRows(info: PlanInfo, scenario: number, set: number, traces: (run: number, count: number) => Float32Array): string[] {
  const H = info.hypotheses.length, R = info.replications;
  const sc = info.scenarios[scenario];
  const T = sc.steps;
  const perRun = T * TRACE_WIDTH;
  const values: Float32Array[] = Array.from({ length: H }, () => new Float32Array(T * R));
  const rowsOut: string[][][] = Array.from({ length: H }, () => Array.from({ length: T }, () => []));
  for (let q = 0; q < TRACE_WIDTH; q++) {
    const chunk = Math.max(1, Math.floor((1 << 20) / perRun));
    for (let run = 0; run < R * H; run += chunk) {
      const count = Math.min(chunk, R * H - run);
      const tr = traces(run, count);
      for (let k = 0; k < count; k++) {
        const h = (run + k) % H, r = Math.floor((run + k) / H);
        for (let t = 0; t < T; t++) values[h][t * R + r] = tr[k * perRun + t * TRACE_WIDTH + q];
      }
    }
    for (let h = 0; h < H; h++) {
      for (let t = 0; t < T; t++) {
        const xs = values[h].subarray(t * R, (t + 1) * R);
        const m = mean(xs);
        let ss = 0;
        for (let r = 0; r < R; r++) ss += (xs[r] - m) ** 2;
        const sd = R > 1 ? Math.sqrt(ss / (R - 1)) : NaN;
        // Student t with R - 1 degrees of freedom (mean +- t * sd / sqrt(R)), not the normal
        // quantile: with a few replications the normal interval is too narrow.
        const ci = tInterval(m, sd, R, info.analysis.level);
        const sorted = Float64Array.from(xs).sort();
        const p10 = quantileSorted(Array.from(sorted), 0.1);
        const p90 = quantileSorted(Array.from(sorted), 0.9);
        rowsOut[h][t].push([TRACE_COLUMNS[q], R, m, sd, ci.low, ci.high, p10, p90].map((v) => (typeof v === 'string' ? v : num(v))).join(','));
      }
    }
  }
  const out: string[] = [];
  for (let h = 0; h < H; h++) {
    for (let t = 0; t < T; t++) {
      // Steps as in a run's series.csv: step t + 1 is the end of the t-th month simulated, dated
      // with that month (steps.csv has no row for the initial state, step 0).
      const lead = `${csvText(sc.name)},${set},${info.hypotheses[h]},${t + 1},${dateOf(sc.start, sc.stepMonths, t)}`;
      for (const cells of rowsOut[h][t]) out.push(`${lead},${cells}`);
    }
  }
  return out;
}
