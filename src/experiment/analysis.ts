/**
 * Turns an experiment folder's data into its results: `runs.csv` (one row per run),
 * `summary.csv` (per scenario, parameter set, hypothesis and metric: mean, sd, bootstrap CI),
 * `steps.csv` (per-step mean trajectories with bands), `comparison.json` and `comparison.txt`
 * (paired comparison of hypotheses on the same seeds). A pure function of plan.json and the
 * data files: the same bytes however the runs were spread over workers, interruptions or shards.
 *
 * Memory is bounded by one (scenario, parameter set) at a time, and one trace metric at a time.
 */
import { closeSync, fsyncSync, openSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { probit, quantileSorted } from 'simple-statistics';
import { kaplanMeier, pairedComparison, pairedTimeToEvent, summarize } from '../stats/index.js';
import { METRICS, RECORD_COLUMNS, RECORD_WIDTH, TRACE_COLUMNS, TRACE_WIDTH, type MetricDef } from './metrics.js';
import { runSeed, traceOffsets } from './plan.js';
import { readRecords, readTraces, syncDir, writeAll, writeFileAtomic, type PlanInfo } from './store.js';

export const RESULT_FILES = ['runs.csv', 'summary.csv', 'steps.csv', 'comparison.json', 'comparison.txt'] as const;

/** Numbers as the shortest text that reads back the same; NaN as an empty cell. */
const num = (v: number): string => (Number.isNaN(v) ? '' : String(v));
const csvText = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

function metricDefs(info: PlanInfo): MetricDef[] {
  return METRICS.filter((m) => info.metrics.includes(m.name));
}

function recordColumn(name: string): number {
  return RECORD_COLUMNS.indexOf(name);
}

function dateOf(start: string, stepMonths: number, step: number): string {
  const [y, m] = start.split('-').map(Number);
  const months = y * 12 + (m - 1) + step * stepMonths;
  return `${Math.floor(months / 12)}-${String((months % 12) + 1).padStart(2, '0')}`;
}

/** Streams text to a temporary file renamed into place at the end. */
class AtomicWriter {
  private readonly fd: number;
  private readonly tmp: string;
  private buf: string[] = [];
  private size = 0;
  constructor(private readonly file: string) {
    this.tmp = `${file}.tmp-${process.pid}`;
    this.fd = openSync(this.tmp, 'w');
  }
  line(s: string): void {
    this.buf.push(s, '\n');
    this.size += s.length + 1;
    if (this.size > 1 << 20) this.drain();
  }
  private drain(): void {
    writeAll(this.fd, this.buf.join(''));
    this.buf = [];
    this.size = 0;
  }
  close(): void {
    this.drain();
    fsyncSync(this.fd);
    closeSync(this.fd);
    renameSync(this.tmp, this.file);
    syncDir(dirname(this.file));
  }
}

/** The per-run values of one metric of one hypothesis, from a block of R x H records. */
function column(block: Float64Array, R: number, H: number, h: number, col: number): Float64Array {
  const out = new Float64Array(R);
  for (let r = 0; r < R; r++) out[r] = block[(r * H + h) * RECORD_WIDTH + col];
  return out;
}

const finite = (xs: Float64Array): Float64Array => xs.filter((x) => Number.isFinite(x));

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
  excludesZero: boolean;
  /** The hypothesis that does better on this metric, when the interval excludes zero. */
  leader: 'a' | 'b' | 'none';
  leads: string;
}

export interface Comparison {
  a: string;
  b: string;
  level: number;
  rows: ComparisonRow[];
}

/** Writes every result file into `dir`; returns the comparisons (for the printed table). */
export function analyse(dir: string, info: PlanInfo): Comparison[] {
  const defs = metricDefs(info);
  const H = info.hypotheses.length, R = info.replications, P = info.sets.length;
  const { resamples, level } = info.analysis;
  const pairs: [number, number][] = [];
  for (let a = 0; a < H; a++) for (let b = a + 1; b < H; b++) pairs.push([a, b]);
  const comparisons: Comparison[] = pairs.map(([a, b]) => ({ a: info.hypotheses[a], b: info.hypotheses[b], level, rows: [] }));

  const runs = new AtomicWriter(join(dir, 'runs.csv'));
  runs.line(['run', 'scenario', 'set', ...info.conditionNames, 'replication', 'hypothesis', 'seed', ...RECORD_COLUMNS].map(csvText).join(','));
  const summary = new AtomicWriter(join(dir, 'summary.csv'));
  summary.line(['scenario', 'set', ...info.conditionNames, 'hypothesis', 'metric', 'n', 'mean', 'sd', 'ciLow', 'ciHigh', 'median', 'reached'].map(csvText).join(','));
  const steps = new AtomicWriter(join(dir, 'steps.csv'));
  steps.line('scenario,set,hypothesis,step,date,metric,n,mean,sd,ciLow,ciHigh,p10,p90');

  const offsets = traceOffsets({ scenarios: info.scenarios, sets: info.sets, replications: R, hypotheses: info.hypotheses });
  const z = probit(1 - (1 - level) / 2);
  info.scenarios.forEach((sc, s) => {
    for (let p = 0; p < P; p++) {
      const first = (s * P + p) * R * H;
      const block = readRecords(dir, first, R * H);
      const params = info.sets[p];
      const paramCells = info.conditionNames.map((c) => num(params[c] ?? NaN));
      // runs.csv
      for (let r = 0; r < R; r++) {
        const seed = runSeed(info.baseSeed, sc.name, p, r);
        for (let h = 0; h < H; h++) {
          const at = (r * H + h) * RECORD_WIDTH;
          const cells = [String(first + r * H + h), csvText(sc.name), String(p), ...paramCells, String(r), info.hypotheses[h], String(seed)];
          for (let k = 0; k < RECORD_WIDTH; k++) cells.push(num(block[at + k]));
          runs.line(cells.join(','));
        }
      }
      // summary.csv
      for (let h = 0; h < H; h++) {
        for (const m of defs) {
          const seed = `${info.baseSeed}|${sc.name}|${p}|${info.hypotheses[h]}|${m.name}`;
          const x = column(block, R, H, h, recordColumn(m.name));
          let cells: string[];
          if (m.kind === 'value') {
            const st = summarize(finite(x), { seed, resamples, level });
            cells = [st.n, st.mean, st.sd, st.ciLow, st.ciHigh, st.median, NaN].map(num);
          } else {
            const reached = column(block, R, H, h, recordColumn(`${m.name}.reached`));
            const keep = [...reached.keys()].filter((k) => Number.isFinite(x[k]));
            const times = Float64Array.from(keep, (k) => x[k]);
            // Kaplan-Meier with each run censored where it was last observed (the recorded time:
            // the end of the run for timeToConfidence, the steps after the defection for recoveryTime).
            const km = kaplanMeier(times, keep.map((k) => reached[k] === 1));
            const st = summarize(times, { seed, resamples, level });
            cells = [km.n, st.mean, st.sd, st.ciLow, st.ciHigh, km.median ?? NaN, km.n > 0 ? km.events / km.n : NaN].map(num);
          }
          summary.line([csvText(sc.name), String(p), ...paramCells, info.hypotheses[h], m.name, ...cells].join(','));
        }
      }
      // comparison
      pairs.forEach(([a, b], c) => {
        for (const m of defs) {
          const seed = `${info.baseSeed}|${sc.name}|${p}|${info.hypotheses[a]}-vs-${info.hypotheses[b]}|${m.name}`;
          const xa = column(block, R, H, a, recordColumn(m.name));
          const xb = column(block, R, H, b, recordColumn(m.name));
          const keep = [...xa.keys()].filter((k) => Number.isFinite(xa[k]) && Number.isFinite(xb[k]));
          const va = Float64Array.from(keep, (k) => xa[k]);
          const vb = Float64Array.from(keep, (k) => xb[k]);
          let row: Omit<ComparisonRow, 'leader' | 'leads' | 'scenario' | 'set' | 'params' | 'metric' | 'better'>;
          if (m.kind === 'value') {
            const pc = pairedComparison(va, vb, { seed, resamples, level });
            // A "wins" a seed when it does better on it: higher, or lower for metrics where lower is better.
            const [winsA, winsB] = m.better === 'higher' ? [pc.winsA, pc.winsB] : [pc.winsB, pc.winsA];
            row = { n: pc.n, meanA: mean(va), meanB: mean(vb), meanDiff: pc.meanDiff, ciLow: pc.ciLow, ciHigh: pc.ciHigh, effectSize: pc.effectSize, winsA, winsB, ties: pc.ties, excludesZero: pc.excludesZero };
          } else {
            const ra = column(block, R, H, a, recordColumn(`${m.name}.reached`));
            const rb = column(block, R, H, b, recordColumn(`${m.name}.reached`));
            // Wins: who reached first (never is last). Differences: of the recorded times, each run's
            // time restricted to what was observed of it, so that meanDiff = meanA - meanB.
            const pt = pairedTimeToEvent(va, keep.map((k) => ra[k] === 1), vb, keep.map((k) => rb[k] === 1), sc.steps, { seed, resamples, level });
            const pc = pairedComparison(va, vb, { seed, resamples, level });
            row = { n: pc.n, meanA: mean(va), meanB: mean(vb), meanDiff: pc.meanDiff, ciLow: pc.ciLow, ciHigh: pc.ciHigh, effectSize: pc.effectSize, winsA: pt.aFirst, winsB: pt.bFirst, ties: pt.ties, excludesZero: pc.excludesZero };
          }
          const aBetter = m.better === 'higher' ? row.meanDiff > 0 : row.meanDiff < 0;
          const leader = !row.excludesZero || row.meanDiff === 0 ? 'none' : aBetter ? 'a' : 'b';
          comparisons[c].rows.push({
            scenario: sc.name, set: p, params, metric: m.name, better: m.better, ...row, leader,
            leads: leader === 'a' ? info.hypotheses[a] : leader === 'b' ? info.hypotheses[b] : 'neither',
          });
        }
      });
      // steps.csv: one trace metric at a time, all hypotheses
      const T = sc.steps;
      const perRun = T * TRACE_WIDTH;
      const base = offsets[s] + (p * R * H) * perRun;
      const values: Float32Array[] = Array.from({ length: H }, () => new Float32Array(T * R));
      const rowsOut: string[][][] = Array.from({ length: H }, () => Array.from({ length: T }, () => []));
      for (let q = 0; q < TRACE_WIDTH; q++) {
        const chunk = Math.max(1, Math.floor((1 << 20) / perRun));
        for (let run = 0; run < R * H; run += chunk) {
          const count = Math.min(chunk, R * H - run);
          const tr = readTraces(dir, base + run * perRun, count * perRun);
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
            const half = R > 1 ? z * sd / Math.sqrt(R) : NaN;
            const sorted = Float64Array.from(xs).sort();
            const p10 = quantileSorted(Array.from(sorted), 0.1);
            const p90 = quantileSorted(Array.from(sorted), 0.9);
            rowsOut[h][t].push([TRACE_COLUMNS[q], R, m, sd, m - half, m + half, p10, p90].map((v) => (typeof v === 'string' ? v : num(v))).join(','));
          }
        }
      }
      for (let h = 0; h < H; h++) {
        for (let t = 0; t < T; t++) {
          const lead = `${csvText(sc.name)},${p},${info.hypotheses[h]},${t},${dateOf(sc.start, sc.stepMonths, t)}`;
          for (const cells of rowsOut[h][t]) steps.line(`${lead},${cells}`);
        }
      }
    }
  });
  runs.close();
  summary.close();
  steps.close();
  // JSON has no infinities: an effect size of +-Infinity (every paired difference the same, and
  // not zero) is written as the string "Infinity" or "-Infinity"; NaN (undefined) as null.
  const finiteJson = (_: string, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) && !Number.isNaN(v) ? (v > 0 ? 'Infinity' : '-Infinity') : v);
  writeFileAtomic(join(dir, 'comparison.json'), JSON.stringify({ comparisons }, finiteJson, 2) + '\n');
  writeFileAtomic(join(dir, 'comparison.txt'), comparisonText(info, comparisons) + '\n');
  return comparisons;
}

function mean(xs: ArrayLike<number>): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return xs.length > 0 ? s / xs.length : NaN;
}

const fmt = (v: number, digits = 3): string => (Number.isFinite(v) ? v.toFixed(digits) : '-');
const pct = (v: number): string => (Number.isFinite(v) ? `${Math.round(v * 100)}%` : '-');

/** The printed table: per scenario and parameter set, which hypothesis leads on each metric. */
export function comparisonText(info: PlanInfo, comparisons: Comparison[]): string {
  const out: string[] = [];
  for (const c of comparisons) {
    out.push(`${c.a} (A) versus ${c.b} (B), paired on the same seeds; ${Math.round(c.level * 100)}% bootstrap intervals of the mean difference A - B.`);
    let group = '';
    for (const r of c.rows) {
      const g = `${r.scenario}${Object.keys(r.params).length > 0 ? ` [${Object.entries(r.params).map(([k, v]) => `${k}=${fmt(v, 3).replace(/\.?0+$/, '')}`).join(', ')}]` : ''}`;
      if (g !== group) {
        group = g;
        out.push('', g);
        out.push(`  ${'metric'.padEnd(17)} ${'A'.padStart(8)} ${'B'.padStart(8)} ${'A - B'.padStart(9)}  ${'interval'.padEnd(21)} ${'A wins'.padStart(6)} ${'B wins'.padStart(6)}  leads`);
      }
      out.push(`  ${r.metric.padEnd(17)} ${fmt(r.meanA).padStart(8)} ${fmt(r.meanB).padStart(8)} ${fmt(r.meanDiff, 4).padStart(9)}  ${`[${fmt(r.ciLow, 4)}, ${fmt(r.ciHigh, 4)}]`.padEnd(21)} ${pct(r.winsA).padStart(6)} ${pct(r.winsB).padStart(6)}  ${r.leads}${r.n < info.replications ? ` (n=${r.n})` : ''}`);
    }
    out.push('');
  }
  return out.join('\n');
}
