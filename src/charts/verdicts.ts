/**
 * Chart: how often each hypothesis leads, metric by metric. One bar per metric, split into the
 * cells (scenario and condition combinations) where the first hypothesis leads, where the second
 * leads, where the two are equivalent (the interval of the paired difference within the metric's
 * margin) and where the comparison is undecided; cells without values are left out and counted
 * in the caption. The one picture of a whole comparison a seminar can read at a glance.
 */
import * as Plot from '@observablehq/plot';
import type { Comparison, ComparisonRow } from './data.js';
import type { ChartSpec } from './render.js';
import { listWords } from './common.js';
import { textWidth } from './font.js';
import { metricWords, sideOf, verdictOfRow } from './comparison-common.js';
import { hypothesisColor, INK, textOn, TYPE } from './palette.js';
import { EQUIVALENT_COLOR } from './where-each-wins.js';

export const UNDECIDED_COLOR = '#EEEEEE';

export interface VerdictsOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Metrics in order (default: every metric of the comparison, in its order). */
  metrics?: readonly string[];
  /** Target total height in px. */
  height?: number;
}

/** A comparison row without a value of its metric (no run had one): left out of the counts. */
const noValues = (r: ComparisonRow) => r.n === 0 || !Number.isFinite(r.meanDiff);

/** Counts per metric: where a leads, b leads, they are equivalent, undecided; and cells without values. */
export function verdictTally(c: Comparison, metric: string): { a: number; b: number; equivalent: number; undecided: number; noValues: number } {
  const rows = c.rows.filter((r) => r.metric === metric);
  const valued = rows.filter((r) => !noValues(r));
  const a = valued.filter((r) => sideOf(c, r) === 'a').length, b = valued.filter((r) => sideOf(c, r) === 'b').length;
  const equivalent = valued.filter((r) => verdictOfRow(r) === 'equivalent').length;
  return { a, b, equivalent, undecided: valued.length - a - b - equivalent, noValues: rows.length - valued.length };
}

export function verdictsChart(c: Comparison, opts: VerdictsOptions = {}): ChartSpec {
  const metrics = (opts.metrics ?? [...new Set(c.rows.map((r) => r.metric))]).filter((m) => c.rows.some((r) => r.metric === m));
  if (metrics.length === 0) throw new Error('verdictsChart: no metric of the comparison to show');
  const withVerdicts = c.rows.some((r) => r.verdict !== undefined);
  const parts = [
    { key: 'a', label: `${c.a} leads`, color: hypothesisColor(c.a) },
    { key: 'b', label: `${c.b} leads`, color: hypothesisColor(c.b) },
    { key: 'equivalent', label: 'equivalent', color: EQUIVALENT_COLOR },
    { key: 'undecided', label: withVerdicts ? 'undecided' : 'neither clearly', color: UNDECIDED_COLOR },
  ] as const;
  const tallies = new Map(metrics.map((m) => [m, verdictTally(c, m)]));
  const data = metrics.flatMap((m) => {
    const t = tallies.get(m)!;
    const total = t.a + t.b + t.equivalent + t.undecided;
    return parts.map((p) => ({ metric: metricWords(m), part: p.label, color: p.color, count: t[p.key], share: total > 0 ? t[p.key] / total : 0 }));
  }).filter((d) => d.count > 0);

  // Caption: what the bars count, then the metrics where each leads most often.
  const level = Math.round((c.level ?? 0.95) * 100);
  const sentences: string[] = [];
  sentences.push(`Each bar is one measure, split into the cells (scenario and condition combinations) where ${c.a} leads, where ${c.b} leads, where the two are equivalent and where the comparison is undecided.`);
  sentences.push(withVerdicts
    ? `A hypothesis leads where the ${level}% interval of the paired difference lies wholly beyond the measure's margin of practical equivalence (and the adjusted test agrees); equivalent: the interval lies within the margin; undecided: neither.`
    : `A hypothesis leads where the ${level}% interval of the paired difference excludes zero; elsewhere neither clearly.`);
  const most = (key: 'a' | 'b') => {
    const best = [...metrics].sort((x, y) => tallies.get(y)![key] - tallies.get(x)![key])[0];
    const t = tallies.get(best)!;
    const n = t.a + t.b + t.equivalent + t.undecided;
    return t[key] === 0 ? null : `${key === 'a' ? c.a : c.b} leads most often on ${metricWords(best)} (${t[key]} of ${n} cells)`;
  };
  const leads = [most('a'), most('b')].filter((x): x is string => x !== null);
  sentences.push(leads.length > 0 ? `${capitalFirst(listWords(leads))}.` : 'Neither hypothesis leads in any cell on any of these measures.');
  const missing = metrics.filter((m) => tallies.get(m)!.noValues > 0).map((m) => `${metricWords(m)} (${tallies.get(m)!.noValues})`);
  if (missing.length > 0) sentences.push(`Cells without a value are left out: ${listWords(missing)}.`);

  return {
    id: opts.id ?? 'verdicts',
    title: opts.title ?? `Which hypothesis leads, measure by measure: ${c.a} against ${c.b}`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    legend: parts.map((p) => ({ label: p.label, color: p.color, shape: p.key === 'undecided' ? 'outline' as const : 'square' as const })),
    height: opts.height ?? Math.max(300, 140 + 44 * metrics.length),
    plot: {
      // Room for the longest measure's words on the axis.
      marginLeft: Math.min(520, Math.ceil(12 + Math.max(...metrics.map((m) => textWidth(metricWords(m), TYPE.axis))))),
      marginRight: 20,
      marginTop: 6,
      x: { domain: [0, 1], label: 'share of cells (%)', tickFormat: (v: number) => `${Math.round(v * 100)}`, labelArrow: 'none', labelAnchor: 'center' },
      y: { domain: metrics.map(metricWords), label: null },
      color: { type: 'identity' },
      marks: [
        Plot.barX(data, Plot.stackX({ x: 'share', y: 'metric', fill: 'color', stroke: INK.muted, strokeWidth: 0.5, order: parts.map((p) => p.label), z: 'part', inset: 0.5 })),
        Plot.text(data, Plot.stackX({ x: 'share', y: 'metric', z: 'part', order: parts.map((p) => p.label), text: (d: { count: number; share: number }) => (d.share >= 0.06 ? String(d.count) : ''), fill: (d: { color: string }) => textOn(d.color), fontSize: 13 })),
        Plot.ruleX([0], { stroke: INK.axis }),
      ],
    },
  };
}

function capitalFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
