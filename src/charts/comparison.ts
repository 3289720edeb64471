/**
 * Charts 6 and 7: comparing hypotheses. The two mean trajectories on the same seeds; the paired
 * differences with their confidence intervals per scenario and condition (a forest plot); and,
 * over two swept conditions, a map of which hypothesis leads on a metric and by how much.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison, ComparisonRow, StepRow } from './data.js';
import type { ChartSpec } from './render.js';
import { trendFromSteps, trustOverTimeChart } from './trust-over-time.js';
import { f, listWords, paramsLabel, plural, signed, unique } from './common.js';
import { hypothesisColor, INK, mix, sampleStops, textOn } from './palette.js';
import { textWidth, truncateText } from './font.js';
import { TYPE } from './palette.js';

/** Words for the experiment metrics (comparison.json and summary.csv); unknown names are shown as they are. */
export const COMPARISON_METRIC_WORDS: Record<string, string> = {
  // Partner pairs (the states that deal with each other): belief and whether it is right.
  partnerBelief: 'final trust in partners',
  partnerBeliefMean: 'trust in partners over the run',
  brier: 'error of trust in partners (Brier score)',
  auc: 'telling reliable from unreliable partners (AUC)',
  // Partner pairs: cooperation.
  activityRate: 'activities with partners per year',
  heededRate: 'share of activities with partners heeded',
  reliance: 'share of tests where a state relied on its partner',
  honouredShare: 'share of reliances honoured',
  // Partner pairs: payoffs.
  trusterPayoff: 'payoff to states that relied',
  exploitationLoss: 'losses to exploitation',
  exploiterGain: 'gains taken by exploiters',
  missedOpportunities: 'missed chances to rely on a reliable partner',
  // Robustness to the first scripted betrayal or defection.
  betrayalDrop: 'fall in trust after a betrayal',
  activityContinuation: 'activity kept up after a betrayal',
  beliefRecovery: 'steps for trust to recover after a betrayal',
  activityRecovery: 'steps for activity to recover after a betrayal',
  // The whole region (every pair of states).
  regionalTrust: 'final regional mean trust',
  regionalTrustMean: 'regional mean trust over the run',
  regionalTrustGain: 'gain in regional mean trust',
  regionalTrustSpread: 'final spread of regional trust',
  regionalHabit: 'final regional mean habit',
  meanTension: 'mean tension',
  incidents: 'incidents',
  defections: 'defections',
  agreements: 'agreements',
};

const metricWords = (m: string) => COMPARISON_METRIC_WORDS[m] ?? m;

/** Difference colours: b's colour at -1, near-white at 0, a's colour at +1. */
export function differenceStops(a: string, b: string): string[] {
  const ca = hypothesisColor(a), cb = hypothesisColor(b);
  return [cb, mix(cb, '#F7F7F7', 0.5), '#F7F7F7', mix(ca, '#F7F7F7', 0.5), ca];
}

/** The advantage of a over b: meanDiff when higher is better, -meanDiff when lower is better. */
export function advantage(r: ComparisonRow): { value: number; lo: number; hi: number } {
  return r.better === 'lower' ? { value: -r.meanDiff, lo: -r.ciHigh, hi: -r.ciLow } : { value: r.meanDiff, lo: r.ciLow, hi: r.ciHigh };
}

/**
 * "on 70% of 20 seeds" / "on 14 of 20 seeds": wins may be written as shares (summing to 1 with
 * ties) or as counts.
 */
function winsWords(r: ComparisonRow, wins: number): string {
  const shares = r.winsA + r.winsB + r.ties <= 1 + 1e-9 && r.n > 1;
  return shares ? `on ${Math.round(wins * 100)}% of ${r.n} seeds` : `on ${wins} of ${r.n} seeds`;
}

function leaderName(c: Comparison, r: ComparisonRow): string {
  return r.leader === 'a' ? c.a : r.leader === 'b' ? c.b : 'neither';
}

// --- 6a: the two trajectories ----------------------------------------------------------------

export interface TrajectoriesOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  metric?: string;
  scenario?: string;
  set?: number;
  /** Hypotheses to show (default: all in the rows). */
  hypotheses?: string[];
}

/** The hypotheses' mean trajectories of a metric on the same seeds, with 95% CI bands, from steps.csv. */
export function hypothesisTrajectoriesChart(steps: readonly StepRow[], opts: TrajectoriesOptions = {}): ChartSpec {
  const metric = opts.metric ?? 'meanTrust';
  let rows = trendFromSteps(steps, { metric, scenario: opts.scenario, set: opts.set, band: 'ci' });
  if (opts.hypotheses) rows = rows.filter((r) => opts.hypotheses!.includes(r.series));
  const one = steps.find((r) => r.metric === metric && (opts.scenario === undefined || r.scenario === opts.scenario));
  const n = one?.n ?? NaN;
  const hyps = unique(rows.map((r) => r.series));
  return trustOverTimeChart(rows, {
    id: opts.id ?? 'hypothesis-trajectories',
    metric,
    title: opts.title ?? `Hypotheses on the same seeds: ${listWords(hyps)}`,
    subtitle: opts.subtitle ?? (one ? `${one.scenario}${one.set ? `, parameter set ${one.set}` : ''}; ${n} runs per hypothesis` : undefined),
    bandLabel: `95% confidence interval of the mean over ${n} runs`,
  });
}

// --- 6b: paired differences (forest plot) ---------------------------------------------------

export interface DifferencesOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  metric?: string;
}

/** Label of a comparison row: the scenario (when several) and its parameter set. */
function conditionLabel(r: ComparisonRow, manyScenarios: boolean): string {
  const p = paramsLabel(r.params);
  return manyScenarios ? `${r.scenario}: ${p}` : p;
}

export function differencesChart(c: Comparison, opts: DifferencesOptions = {}): ChartSpec {
  const metric = opts.metric ?? c.rows[0]?.metric;
  const rows = c.rows.filter((r) => r.metric === metric);
  if (rows.length === 0) throw new Error(`differencesChart: no rows for metric ${metric}`);
  const manyScenarios = unique(rows.map((r) => r.scenario)).length > 1;
  const level = c.level ?? 0.95;
  const better = rows[0].better ?? 'higher';
  const maxLabel = 330;
  const data = rows.map((r) => {
    const full = conditionLabel(r, manyScenarios);
    return { ...r, label: truncateText(full, maxLabel, TYPE.axis), full, color: r.leader === 'none' ? '#777777' : hypothesisColor(leaderName(c, r)) };
  });
  // Two conditions could truncate to the same label: keep them apart.
  const seen = new Map<string, number>();
  for (const d of data) {
    const k = (seen.get(d.label) ?? 0) + 1;
    seen.set(d.label, k);
    if (k > 1) d.label = `${d.label} (${k})`;
  }

  // Caption.
  const leadA = rows.filter((r) => r.leader === 'a');
  const leadB = rows.filter((r) => r.leader === 'b');
  const none = rows.length - leadA.length - leadB.length;
  const sentences: string[] = [];
  sentences.push(`Each row is one ${manyScenarios ? 'scenario and ' : ''}condition: the dot is the mean over paired runs (same seeds) of ${c.a} minus ${c.b} in ${metricWords(metric)}, the line its ${Math.round(level * 100)}% confidence interval; ${better} values are better.`);
  sentences.push(`Of ${rows.length} ${manyScenarios ? 'rows' : 'conditions'}, ${c.a} does better in ${leadA.length} (interval excluding zero), ${c.b} in ${leadB.length}, and neither clearly in ${none}.`);
  const best = (list: ComparisonRow[]) => [...list].sort((x, y) => Math.abs(advantage(y).value) - Math.abs(advantage(x).value))[0];
  for (const [name, list] of [[c.a, leadA], [c.b, leadB]] as const) {
    const r = best(list);
    if (r) sentences.push(`Largest lead for ${name}: ${signed(r.meanDiff, 3)} [${f(r.ciLow, 3)}, ${f(r.ciHigh, 3)}] with ${conditionLabel(r, manyScenarios)} (effect size ${f(r.effectSize)}; ${name} better ${winsWords(r, r.leader === 'a' ? r.winsA : r.winsB)}).`);
  }

  const width = 960;
  const labelW = Math.min(maxLabel, Math.max(...data.map((d) => textWidth(d.label, TYPE.axis)))) + 30;
  // The span covers every finite end and mean (an interval is missing, NaN or null, with one replication).
  const ends = rows.flatMap((r) => [r.ciLow, r.ciHigh, r.meanDiff]).map(Number).filter((x) => Number.isFinite(x));
  const span = Math.max(...ends.map((x) => Math.abs(x)), 1e-9) * 1.1;
  return {
    id: opts.id ?? `differences-${metric}`,
    title: opts.title ?? `Paired differences, ${c.a} − ${c.b}: ${metricWords(metric)}`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: [
      { label: `${c.a} better`, color: hypothesisColor(c.a), shape: 'circle' },
      { label: `${c.b} better`, color: hypothesisColor(c.b), shape: 'circle' },
      { label: 'no clear difference', color: '#777777', shape: 'circle' },
    ],
    width,
    height: Math.max(420, 260 + 30 * rows.length),
    plot: {
      marginLeft: labelW,
      marginRight: 40,
      x: { domain: [-span, span], label: `${c.a} − ${c.b} (${metricWords(metric)})`, labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { domain: data.map((d) => d.label), label: null, tickSize: 0 },
      color: { type: 'identity' },
      marks: [
        Plot.ruleX([0], { stroke: INK.axis, strokeWidth: 1.5 }),
        Plot.ruleY(data, { y: 'label', x1: 'ciLow', x2: 'ciHigh', stroke: 'color', strokeWidth: 3 }),
        Plot.dot(data, { y: 'label', x: 'meanDiff', fill: 'color', r: 6, stroke: 'white' }),
      ],
    },
  };
}

// --- 7: the sweep map -----------------------------------------------------------------------

export interface SweepOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  metric?: string;
  /** Condition on the x axis (default: the first in params). */
  x?: string;
  /** Condition on the y axis (default: the second in params). */
  y?: string;
  /** Scenario to show (default: the first). */
  scenario?: string;
}

export function sweepChart(c: Comparison, opts: SweepOptions = {}): ChartSpec {
  const metric = opts.metric ?? c.rows[0]?.metric;
  const scenario = opts.scenario ?? c.rows[0]?.scenario;
  const rows = c.rows.filter((r) => r.metric === metric && r.scenario === scenario);
  if (rows.length === 0) throw new Error(`sweepChart: no rows for metric ${metric}`);
  const keys = unique(rows.flatMap((r) => Object.keys(r.params)));
  const xName = opts.x ?? keys[0];
  const yName = opts.y ?? keys[1];
  if (xName === undefined || yName === undefined) throw new Error('sweepChart: needs two swept conditions');
  const xs = unique(rows.map((r) => r.params[xName])).sort((p, q) => p - q);
  const ys = unique(rows.map((r) => r.params[yName])).sort((p, q) => p - q);
  const level = c.level ?? 0.95;
  const stops = differenceStops(c.a, c.b);
  const maxAdv = Math.max(...rows.map((r) => Math.abs(advantage(r).value)), 1e-12);
  const better = rows[0].better ?? 'higher';
  const digits = maxAdv >= 1 ? 1 : maxAdv >= 0.1 ? 2 : 3;
  const data = rows.map((r) => {
    const adv = advantage(r).value;
    const fill = sampleStops(stops, (adv / maxAdv + 1) / 2);
    return { ...r, x: String(r.params[xName]), y: String(r.params[yName]), adv, fill, ink: textOn(fill), text: signed(r.meanDiff, digits) };
  });

  // Caption.
  const leadA = rows.filter((r) => r.leader === 'a');
  const leadB = rows.filter((r) => r.leader === 'b');
  const where = (r: ComparisonRow) => `${xName} ${r.params[xName]}, ${yName} ${r.params[yName]}`;
  const sentences: string[] = [];
  sentences.push(`Each cell is one combination of ${xName} and ${yName}; its number is the mean paired difference ${c.a} − ${c.b} in ${metricWords(metric)} (${better} is better), its colour shows who leads and by how much (${c.a}'s colour where ${c.a} does better, ${c.b}'s where ${c.b} does), and a thick outline marks cells whose ${Math.round(level * 100)}% confidence interval excludes zero.`);
  sentences.push(`Of the ${rows.length} combinations, ${c.a} leads clearly in ${leadA.length}, ${c.b} in ${leadB.length}, and neither in ${rows.length - leadA.length - leadB.length}.`);
  const top = (list: ComparisonRow[]) => [...list].sort((p, q) => Math.abs(advantage(q).value) - Math.abs(advantage(p).value))[0];
  const ta = top(leadA), tb = top(leadB);
  if (ta) sentences.push(`The largest lead for ${c.a} is at ${where(ta)} (${signed(ta.meanDiff, digits)}).`);
  if (tb) sentences.push(`The largest lead for ${c.b} is at ${where(tb)} (${signed(tb.meanDiff, digits)}).`);
  // Direction along each axis: mean advantage at the top value minus at the bottom one.
  const trend = (name: string, values: number[]) => {
    if (values.length < 2) return null;
    const at = (v: number) => {
      const sel = rows.filter((r) => r.params[name] === v);
      return sel.reduce((s, r) => s + advantage(r).value, 0) / sel.length;
    };
    return at(values[values.length - 1]) - at(values[0]);
  };
  const tx = trend(xName, xs), ty = trend(yName, ys);
  const moves: string[] = [];
  // When one hypothesis is ahead in every cell, say how its lead changes; otherwise which way the balance tips.
  const advs = rows.map((r) => advantage(r).value);
  const oneSide = advs.every((v) => v > 0) ? 1 : advs.every((v) => v < 0) ? -1 : 0;
  for (const [name, t, values] of [[xName, tx, xs], [yName, ty, ys]] as const) {
    if (t === null || Math.abs(t) < maxAdv * 0.1) continue;
    const range = `as ${name} rises from ${values[0]} to ${values[values.length - 1]}`;
    if (oneSide !== 0) moves.push(`${oneSide * t > 0 ? 'grows' : 'shrinks'} ${range}`);
    else moves.push(`tips towards ${t > 0 ? c.a : c.b} ${range}`);
  }
  if (moves.length > 0) {
    sentences.push(oneSide !== 0
      ? `${capitalFirst(`${oneSide > 0 ? c.a : c.b}'s lead`)}, on average, ${listWords(moves)}.`
      : `On average the balance ${listWords(moves)}.`);
  }

  const outlined = data.filter((d) => d.excludesZero);
  return {
    id: opts.id ?? `sweep-${metric}`,
    title: opts.title ?? `Which hypothesis leads on ${metricWords(metric)}`,
    subtitle: opts.subtitle ?? `${scenario}; ${plural(rows[0].n, 'paired run')} per cell`,
    caption: sentences.join(' '),
    colorBar: {
      label: `advantage (${c.b} ← → ${c.a})`,
      domain: [-maxAdv, maxAdv],
      colors: stops,
      ticks: [-maxAdv, 0, maxAdv],
      format: (v) => (v === 0 ? '0' : `${v < 0 ? c.b : c.a} +${f(Math.abs(v), digits)}`),
    },
    legend: [{ label: `${Math.round(level * 100)}% confidence interval excludes zero`, color: INK.text, shape: 'outline' }],
    height: Math.max(540, 300 + 70 * ys.length),
    plot: {
      marginLeft: 90,
      marginBottom: 60,
      x: { domain: xs.map(String), label: xName, labelAnchor: 'center', labelArrow: 'none', tickSize: 0 },
      y: { domain: [...ys].reverse().map(String), label: yName, labelArrow: 'none', tickSize: 0 },
      color: { type: 'identity' },
      marks: [
        Plot.cell(data, { x: 'x', y: 'y', fill: 'fill', inset: 2 }),
        Plot.cell(outlined, { x: 'x', y: 'y', fill: 'none', stroke: INK.text, strokeWidth: 4, inset: 4 }),
        Plot.text(data.filter((d) => !d.excludesZero), { x: 'x', y: 'y', text: 'text', fill: 'ink', fontSize: 17 }),
        Plot.text(outlined, { x: 'x', y: 'y', text: 'text', fill: 'ink', fontSize: 17, fontWeight: 'bold' }),
      ],
    },
  };
}

function capitalFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
