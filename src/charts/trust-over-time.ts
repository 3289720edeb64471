/**
 * Chart 1: trust over time. Regional mean trust per series (hypotheses, scenarios) with a band
 * across replications; and, for a single run, chosen pairs' trust from pairs.csv.
 */
import * as Plot from '@observablehq/plot';
import type { PairRow, SeriesRow, StepRow } from './data.js';
import type { ChartSpec } from './render.js';
import { f, listWords, monthDate, monthLabel, seriesColors, signed, stepMonths, timeAxis, unique } from './common.js';
import { CATEGORICAL } from './palette.js';

/** One point of a trajectory: a series' mean at a step, with an optional band [lo, hi]. */
export interface TrendRow {
  series: string;
  step: number;
  date: string;
  mean: number;
  lo?: number;
  hi?: number;
}

/** Words for the per-step metrics of series.csv and steps.csv. */
export const METRIC_WORDS: Record<string, string> = {
  meanTrust: 'regional mean trust',
  trustSpread: 'spread of trust across pairs (sd)',
  meanTension: 'regional mean tension',
  meanHabit: 'regional mean habit of cooperation',
};

/** Axis labels with units. */
export const METRIC_AXIS: Record<string, string> = {
  meanTrust: 'mean trust (probability, 0-1)',
  trustSpread: 'sd of trust across pairs',
  meanTension: 'mean tension (0-1)',
  meanHabit: 'mean habit (0-1)',
};

/**
 * Trajectories from an experiment's steps.csv: one series per hypothesis for one scenario,
 * parameter set and metric. `band` picks the 95% CI of the mean ("ci") or the 10th-90th
 * percentile of runs ("p10-p90").
 */
export function trendFromSteps(
  rows: readonly StepRow[],
  opts: { metric?: string; scenario?: string; set?: number; band?: 'ci' | 'p10-p90' } = {},
): TrendRow[] {
  const metric = opts.metric ?? 'meanTrust';
  const scenario = opts.scenario ?? rows.find((r) => r.metric === metric)?.scenario;
  const set = opts.set ?? rows.find((r) => r.metric === metric && r.scenario === scenario)?.set;
  const band = opts.band ?? 'ci';
  return rows
    .filter((r) => r.metric === metric && r.scenario === scenario && r.set === set)
    .map((r) => ({
      series: r.hypothesis, step: r.step, date: r.date, mean: r.mean,
      lo: band === 'ci' ? r.ciLow : r.p10, hi: band === 'ci' ? r.ciHigh : r.p90,
    }));
}

/** One run's trajectory from series.csv; with `spread`, a band of one sd of trust across pairs. */
export function trendFromSeries(rows: readonly SeriesRow[], opts: { column?: string; series?: string; spread?: boolean } = {}): TrendRow[] {
  const column = opts.column ?? 'meanTrust';
  return rows.map((r) => {
    const mean = r.values[column];
    const t: TrendRow = { series: opts.series ?? 'this run', step: r.step, date: r.date, mean };
    if (opts.spread && column === 'meanTrust') {
      t.lo = mean - r.values.trustSpread;
      t.hi = mean + r.values.trustSpread;
    }
    return t;
  });
}

export interface TrustOverTimeOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** What the band is, in words, e.g. "95% confidence interval of the mean over 20 runs". */
  bandLabel?: string;
  /** The metric shown (default meanTrust): words and axis label. */
  metric?: string;
  /** Colours by series name (default: hypothesis colours, else the categorical palette). */
  colors?: Record<string, string>;
}

function groupBy<T>(xs: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of xs) {
    const k = key(x);
    const list = m.get(k);
    if (list) list.push(x);
    else m.set(k, [x]);
  }
  return m;
}

/** Regional mean trust (or another per-step metric) per series, with bands. */
export function trustOverTimeChart(rows: readonly TrendRow[], opts: TrustOverTimeOptions = {}): ChartSpec {
  if (rows.length === 0) throw new Error('trustOverTimeChart: no rows');
  const metric = opts.metric ?? 'meanTrust';
  const words = METRIC_WORDS[metric] ?? metric;
  const names = unique(rows.map((r) => r.series));
  const colors = seriesColors(names);
  for (const [k, v] of Object.entries(opts.colors ?? {})) colors.set(k, v);
  const bySeries = groupBy(rows, (r) => r.series);
  for (const list of bySeries.values()) list.sort((a, b) => a.step - b.step);
  const hasBand = rows.some((r) => r.lo !== undefined && r.hi !== undefined && Number.isFinite(r.lo) && Number.isFinite(r.hi));
  const months = stepMonths(bySeries.get(names[0])!);

  // Caption, from the data.
  const sentences: string[] = [];
  const first = bySeries.get(names[0])![0];
  const lastStep = Math.max(...rows.map((r) => r.step));
  for (const name of names) {
    const list = bySeries.get(name)!;
    const a = list[0];
    const z = list[list.length - 1];
    let peak = list[0];
    for (const r of list) if (r.mean > peak.mean) peak = r;
    const verb = z.mean > a.mean + 0.005 ? 'rose' : z.mean < a.mean - 0.005 ? 'fell' : 'stayed level';
    let s = `${names.length > 1 ? `Under ${name}, ${words}` : capital(words)} ${verb} from ${f(a.mean)} in ${monthLabel(a.date)} to ${f(z.mean)} in ${monthLabel(z.date)}`;
    if (peak.mean > z.mean + 0.01 && peak !== z) s += `, after peaking at ${f(peak.mean)} in ${monthLabel(peak.date)}`;
    // A sharp fall stands out when it is several times the typical month-to-month move.
    const moves = list.slice(1).map((r, k) => ({ r, d: r.mean - list[k].mean }));
    const typical = median(moves.map((m) => Math.abs(m.d)));
    const fall = moves.reduce<{ r: TrendRow; d: number } | null>((b, m) => (b === null || m.d < b.d ? m : b), null);
    if (fall !== null && fall.d < 0 && -fall.d > 5 * typical && -fall.d >= 0.005) s += `; its sharpest one-step fall was ${f(fall.d, 3)} in ${monthLabel(fall.r.date)}`;
    sentences.push(s + '.');
  }
  if (names.length >= 2) {
    const ends = names.map((n) => {
      const list = bySeries.get(n)!;
      return { name: n, row: list[list.length - 1], list };
    }).sort((x, y) => y.row.mean - x.row.mean);
    const [top, second] = ends;
    const gap = top.row.mean - second.row.mean;
    if (Math.abs(gap) < 0.005) {
      sentences.push(`At the end ${top.name} and ${second.name} are level (within 0.005).`);
    } else {
      // From when does the leader stay ahead of the runner-up?
      const other = new Map(second.list.map((r) => [r.step, r.mean]));
      let since: TrendRow | null = null;
      for (const r of top.list) {
        const o = other.get(r.step);
        if (o === undefined) continue;
        if (r.mean > o) since ??= r;
        else since = null;
      }
      let s = `At the end ${top.name} leads ${second.name} by ${f(gap)}`;
      if (since !== null && since.step > first.step) s += `, and has been ahead since ${monthLabel(since.date)}`;
      else if (since !== null) s += `, and was ahead throughout`;
      if (hasBand && top.row.lo !== undefined && second.row.hi !== undefined) {
        s += top.row.lo > second.row.hi ? '; the bands do not overlap at the end' : '; the bands still overlap at the end, so the lead is within the spread shown';
      }
      sentences.push(s + '.');
    }
  }
  if (hasBand) sentences.push(`Shaded: ${opts.bandLabel ?? 'the band given with each series'}.`);
  sentences.push(`${lastStep - first.step + 1} steps of ${months === 1 ? 'one month' : `${months} months`}.`);

  const data = rows.map((r) => ({ ...r, x: monthDate(r.date) }));
  const marks: Plot.Markish[] = [];
  if (hasBand) {
    for (const name of names) {
      marks.push(Plot.areaY(data.filter((r) => r.series === name && Number.isFinite(r.lo) && Number.isFinite(r.hi)), {
        x: 'x', y1: 'lo', y2: 'hi', fill: colors.get(name)!, fillOpacity: 0.18, curve: 'linear',
      }));
    }
  }
  for (const name of names) {
    marks.push(Plot.lineY(data.filter((r) => r.series === name), { x: 'x', y: 'mean', stroke: colors.get(name)!, strokeWidth: 2.5 }));
  }
  return {
    id: opts.id ?? 'trust-over-time',
    title: opts.title ?? `${capital(words)} over time`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      ...names.map((n) => ({ label: n, color: colors.get(n)!, shape: 'line' as const })),
      ...(hasBand ? [{ label: opts.bandLabel ?? 'band', color: '#BBBBBB' }] : []),
    ],
    plot: {
      x: timeAxis(months),
      y: { label: METRIC_AXIS[metric] ?? metric, grid: true, nice: true, labelArrow: 'none' },
      marks,
    },
  };
}

function median(xs: number[]): number {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}


// --- Pairs --------------------------------------------------------------------------------

export interface PairTrustOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Pairs to show as [from, to] (from's trust in to); default: the gainers and losers that moved most. */
  pairs?: [string, string][];
  /** How many pairs to choose when `pairs` is not given (default 6: half gainers, half losers). */
  top?: number;
  /** Window in months for "steepest rise" (default 12). */
  windowMonths?: number;
}

interface PairTrack {
  from: string;
  to: string;
  rows: PairRow[];
  change: number;
}

/** Steepest rise (sign 1) or fall (sign -1) over `w` steps. */
function steepest(rows: readonly PairRow[], w: number, sign: 1 | -1): { a: PairRow; b: PairRow; d: number } | null {
  let best: { a: PairRow; b: PairRow; d: number } | null = null;
  for (let k = 0; k + w < rows.length; k++) {
    const d = rows[k + w].trust - rows[k].trust;
    if (best === null || sign * d > sign * best.d) best = { a: rows[k], b: rows[k + w], d };
  }
  if (best === null && rows.length >= 2) best = { a: rows[0], b: rows[rows.length - 1], d: rows[rows.length - 1].trust - rows[0].trust };
  return best;
}

/** The largest one-step move of a track in the direction `sign`. */
function biggestStep(rows: readonly PairRow[], sign: 1 | -1): { at: PairRow; d: number } | null {
  let best: { at: PairRow; d: number } | null = null;
  for (let k = 1; k < rows.length; k++) {
    const d = rows[k].trust - rows[k - 1].trust;
    if (sign * d > 0 && (best === null || sign * d > sign * best.d)) best = { at: rows[k], d };
  }
  return best;
}

/** " (largest one-step move +0.30 in September 2011)" when one step carries at least half the window's change. */
function jumpWords(rows: readonly PairRow[], windowChange: number, sign: 1 | -1): string {
  const b = biggestStep(rows, sign);
  return b !== null && Math.abs(b.d) >= Math.abs(windowChange) / 2 ? `; largest one-step move ${signed(b.d)} in ${monthLabel(b.at.date)}` : '';
}

/** Chosen pairs' trust over one run (from pairs.csv). */
export function pairTrustChart(rows: readonly PairRow[], opts: PairTrustOptions = {}): ChartSpec {
  if (rows.length === 0) throw new Error('pairTrustChart: no rows (run with --pairs)');
  const tracks = new Map<string, PairTrack>();
  for (const r of rows) {
    const key = `${r.from}\u0000${r.to}`;
    let t = tracks.get(key);
    if (!t) tracks.set(key, (t = { from: r.from, to: r.to, rows: [], change: 0 }));
    t.rows.push(r);
  }
  for (const t of tracks.values()) {
    t.rows.sort((a, b) => a.step - b.step);
    t.change = t.rows[t.rows.length - 1].trust - t.rows[0].trust;
  }
  const all = [...tracks.values()];
  const byChange = [...all].sort((a, b) => b.change - a.change || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
  let chosen: PairTrack[];
  if (opts.pairs) {
    chosen = opts.pairs.map(([a, b]) => {
      const t = tracks.get(`${a}\u0000${b}`);
      if (!t) throw new Error(`pairTrustChart: no rows for ${a} -> ${b}`);
      return t;
    });
  } else {
    const k = opts.top ?? 6;
    const up = byChange.filter((t) => t.change > 0).slice(0, Math.ceil(k / 2));
    const down = byChange.filter((t) => t.change < 0).reverse().slice(0, k - up.length);
    chosen = [...up, ...down];
    if (chosen.length === 0) chosen = byChange.slice(0, k);
  }
  const months = stepMonths(chosen[0].rows);
  const w = Math.max(1, Math.round((opts.windowMonths ?? 12) / months));
  const pairName = (t: PairTrack) => `${t.from} → ${t.to}`;
  const colors = new Map(chosen.map((t, k) => [pairName(t), CATEGORICAL[k % CATEGORICAL.length]]));

  // Caption.
  const sentences: string[] = [];
  const gainer = byChange[0];
  const loser = byChange[byChange.length - 1];
  const windowWords = `${w * months}-month`;
  if (gainer && gainer.change > 0) {
    const st = steepest(gainer.rows, w, 1)!;
    const a = gainer.rows[0], z = gainer.rows[gainer.rows.length - 1];
    sentences.push(`Of the ${all.length} directed pairs, ${gainer.from}'s trust in ${gainer.to} gained most: from ${f(a.trust)} in ${monthLabel(a.date)} to ${f(z.trust)} in ${monthLabel(z.date)}, with its steepest ${windowWords} rise (${signed(st.d)}) between ${monthLabel(st.a.date)} and ${monthLabel(st.b.date)}${jumpWords(gainer.rows, st.d, 1)}.`);
  }
  if (loser && loser.change < 0) {
    const st = steepest(loser.rows, w, -1)!;
    const a = loser.rows[0], z = loser.rows[loser.rows.length - 1];
    sentences.push(`${loser.from}'s trust in ${loser.to} fell most: from ${f(a.trust)} to ${f(z.trust)}, fastest (${signed(st.d)}) between ${monthLabel(st.a.date)} and ${monthLabel(st.b.date)}${jumpWords(loser.rows, st.d, -1)}.`);
  }
  const rising = all.filter((t) => t.change > 0.01).length;
  const falling = all.filter((t) => t.change < -0.01).length;
  sentences.push(`Over the run ${rising} pairs gained more than 0.01 and ${falling} lost more than 0.01.`);
  sentences.push(opts.pairs
    ? `Lines show i's trust in j (i → j) for ${listWords(chosen.map(pairName))}.`
    : `Lines show i's trust in j (i → j) for the ${chosen.length} pairs that moved most; the legend gives each pair's change.`);

  const data = chosen.flatMap((t) => t.rows.map((r) => ({ pair: pairName(t), x: monthDate(r.date), trust: r.trust })));
  return {
    id: opts.id ?? 'pair-trust',
    title: opts.title ?? 'Trust between chosen pairs over time',
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: chosen.map((t) => ({ label: `${pairName(t)} (${signed(t.change)})`, color: colors.get(pairName(t))!, shape: 'line' as const })),
    plot: {
      x: timeAxis(months),
      y: { label: "i's trust in j (probability, 0-1)", grid: true, domain: [0, 1], labelArrow: 'none' },
      marks: [
        Plot.ruleY([0.5], { stroke: '#999999', strokeDasharray: '4,4' }),
        ...chosen.map((t) => Plot.lineY(data.filter((d) => d.pair === pairName(t)), { x: 'x', y: 'trust', stroke: colors.get(pairName(t))!, strokeWidth: 2.5 })),
      ],
    },
  };
}
