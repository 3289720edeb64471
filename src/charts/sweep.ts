/** Chart 7: the sweep map, over two swept conditions, of which hypothesis leads on a metric and by how much. */
import * as Plot from '@observablehq/plot';
import type { Comparison, ComparisonRow } from './data.js';
import type { ChartSpec } from './render.js';
import { conditionValue, f, listWords, plural, signed, unique } from './common.js';
import { INK, sampleStops, textOn } from './palette.js';
import { metricWords, differenceStops, advantage, sideOf, verdictOfRow } from './comparison-common.js';

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
    return { ...r, x: conditionValue(r.params[xName]), y: conditionValue(r.params[yName]), adv, fill, ink: textOn(fill), text: signed(r.meanDiff, digits), decided: sideOf(c, r) !== 'none' };
  });

  // Caption.
  const leadA = rows.filter((r) => sideOf(c, r) === 'a');
  const leadB = rows.filter((r) => sideOf(c, r) === 'b');
  // Rows with verdicts (comparison.json since the practical-equivalence margins) outline where a hypothesis leads beyond the margin.
  const margin = rows[0].verdict !== undefined && typeof rows[0].margin === 'number' ? rows[0].margin : null;
  const outlineWords = margin === null
    ? `${Math.round(level * 100)}% confidence interval excludes zero`
    : `a hypothesis leads: the ${Math.round(level * 100)}% interval lies beyond the margin ±${f(margin, 3)}`;
  const where = (r: ComparisonRow) => `${xName} ${conditionValue(r.params[xName])}, ${yName} ${conditionValue(r.params[yName])}`;
  const sentences: string[] = [];
  sentences.push(`Each cell is one combination of ${xName} and ${yName}; its number is the mean paired difference ${c.a} − ${c.b} in ${metricWords(metric)} (${better} is better), its colour shows who leads and by how much (${c.a}'s colour where ${c.a} does better, ${c.b}'s where ${c.b} does), and a thick outline marks cells ${margin === null ? `whose ${outlineWords}` : `where ${outlineWords} and the test, adjusted for the many cells, agrees`}.`);
  if (margin === null) sentences.push(`Of the ${rows.length} combinations, ${c.a} leads clearly in ${leadA.length}, ${c.b} in ${leadB.length}, and neither in ${rows.length - leadA.length - leadB.length}.`);
  else {
    const equivalent = rows.filter((r) => verdictOfRow(r) === 'equivalent').length;
    sentences.push(`Of the ${rows.length} combinations, ${c.a} leads in ${leadA.length}, ${c.b} in ${leadB.length}; the two are equivalent (within the margin) in ${equivalent} and undecided in ${rows.length - leadA.length - leadB.length - equivalent}.`);
  }
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
    const range = `as ${name} rises from ${conditionValue(values[0])} to ${conditionValue(values[values.length - 1])}`;
    if (oneSide !== 0) moves.push(`${oneSide * t > 0 ? 'grows' : 'shrinks'} ${range}`);
    else moves.push(`tips towards ${t > 0 ? c.a : c.b} ${range}`);
  }
  if (moves.length > 0) {
    sentences.push(oneSide !== 0
      ? `${capitalFirst(`${oneSide > 0 ? c.a : c.b}'s lead`)}, on average, ${listWords(moves)}.`
      : `On average the balance ${listWords(moves)}.`);
  }

  const outlined = data.filter((d) => d.decided);
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
    legend: [{ label: outlineWords, color: INK.text, shape: 'outline' }],
    height: Math.max(540, 300 + 70 * ys.length),
    plot: {
      marginLeft: 90,
      marginBottom: 60,
      x: { domain: xs.map(conditionValue), label: xName, labelAnchor: 'center', labelArrow: 'none', tickSize: 0 },
      y: { domain: [...ys].reverse().map(conditionValue), label: yName, labelArrow: 'none', tickSize: 0 },
      color: { type: 'identity' },
      marks: [
        Plot.cell(data, { x: 'x', y: 'y', fill: 'fill', inset: 2 }),
        Plot.cell(outlined, { x: 'x', y: 'y', fill: 'none', stroke: INK.text, strokeWidth: 4, inset: 4 }),
        Plot.text(data.filter((d) => !d.decided), { x: 'x', y: 'y', text: 'text', fill: 'ink', fontSize: 17 }),
        Plot.text(outlined, { x: 'x', y: 'y', text: 'text', fill: 'ink', fontSize: 17, fontWeight: 'bold' }),
      ],
    },
  };
}

function capitalFirst(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
