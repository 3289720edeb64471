/**
 * Chart: where each hypothesis wins. Two conditions on the axes, binned (their values for a
 * grid, quantile bins for a Latin hypercube or a Sobol design); each cell's colour is the mean
 * paired difference A − B over the points in it (so over every other condition), turned so that
 * A's colour means "better for A" whether the metric is better high or low, and cells within
 * the metric's equivalence margin are drawn in a neutral grey. Each cell shows its mean
 * difference and how many points it holds.
 */
import * as Plot from '@observablehq/plot';
import type { ChartSpec } from './render.js';
import { f, plural, signed } from './common.js';
import { differenceStops, metricWords } from './comparison-common.js';
import { hypothesisColor, INK, sampleStops, textOn } from './palette.js';
import { winsMap, type WinsInput, type WinsMap } from './where-each-wins-data.js';
import { digits, short, winsSentences } from './where-each-wins-words.js';

export { winsFromComparison, winsFromPoints, winsMap, metricBetter, metricMargin } from './where-each-wins-data.js';
export type { WinsInput, WinsMap, WinsCell, WinsSide } from './where-each-wins-data.js';
export { winsSentences, winWords, binWords, WIN_WORDS } from './where-each-wins-words.js';

/** The colour of cells whose mean difference is within the equivalence margin. */
export const EQUIVALENT_COLOR = '#BDBDBD';

export interface WhereEachWinsOptions {
  id?: string;
  title?: string;
  subtitle?: string;
  /** Quantile bins per axis for a factor spread over a range (default: from the number of points, partial-dependence.ts binsFor). */
  bins?: number;
}

/** The map as a chart; x and y name the two conditions on the axes. */
export function whereEachWinsChart(input: WinsInput, x: string, y: string, opts: WhereEachWinsOptions = {}): ChartSpec {
  const map = winsMap(input, x, y, opts.bins);
  return whereEachWinsSpec(map, opts);
}

/** The chart of a map already binned (so that a report can write the same sentences beside it). */
export function whereEachWinsSpec(map: WinsMap, opts: WhereEachWinsOptions = {}): ChartSpec {
  const { a, b, metric, better, unit, scenario } = map.input;
  const cells = map.cells.filter((c) => c.side !== 'none');
  if (cells.length === 0) throw new Error(`whereEachWinsChart: no finite difference in ${metric}`);
  const stops = differenceStops(a, b);
  const maxAdv = Math.max(...cells.map((c) => Math.abs(c.advantage)), map.margin, 1e-12);
  const d = digits(maxAdv);
  const data = cells.map((c) => {
    // A cell outside the margin is never paler than a quarter of the way to its side's colour.
    const t = c.side === 'equivalent' ? 0.5 : 0.5 + Math.sign(c.advantage) * (0.15 + 0.35 * Math.min(1, Math.abs(c.advantage) / maxAdv));
    const fill = c.side === 'equivalent' ? EQUIVALENT_COLOR : sampleStops(stops, t);
    return {
      x: map.x.bins[c.xBin].label, y: map.y.bins[c.yBin].label, fill, ink: textOn(fill),
      value: signed(c.mean, d),
      count: plural(c.count, 'point'),
    };
  });
  const noMargin = map.input.margin === null;
  const marginText = noMargin ? 'none recorded' : `±${short(map.margin)}`;
  const binning = (axis: WinsMap['x']) => (axis.kind === 'values' ? `${axis.name} by its ${axis.bins.length} values` : `${axis.name} in ${axis.bins.length} quantile bins`);
  const sentences = [
    `Each cell gathers the ${unit}s whose ${map.x.name} and ${map.y.name} fall in it, averaging over every other condition: its top number is the mean paired difference ${a} − ${b} in ${metricWords(metric)} (${better} is better), its bottom number how many ${unit}s it holds.`,
    `The colour shows who does better and by how much (${a}'s colour where ${a} does better, ${b}'s where ${b} does); ${noMargin ? 'no equivalence margin is recorded for this metric, so only a cell whose mean difference is exactly zero is grey' : `grey cells are within the margin: their mean difference lies within ${marginText}, the metric's practical-equivalence margin (a mean with no interval, so not a finding of equivalence)`}.`,
    ...winsSentences(map),
  ];
  const nx = map.x.bins.length, ny = map.y.bins.length;
  const fontSize = nx > 5 ? 14 : 16;
  return {
    id: opts.id ?? `where-each-wins-${metric}`,
    title: opts.title ?? `Where each hypothesis wins: ${metricWords(metric)}`,
    subtitle: opts.subtitle ?? `${map.input.scenarioWords ?? (scenario === 'all' ? 'mean over the scenarios' : scenario)}; ${plural(map.input.points.length, unit)}, ${binning(map.x)} and ${binning(map.y)}`,
    caption: sentences.join(' '),
    legend: [
      { label: `${a} better`, color: hypothesisColor(a) },
      { label: `${b} better`, color: hypothesisColor(b) },
      { label: noMargin ? 'exactly zero (no margin recorded)' : `within the margin (|${a} − ${b}| within ${marginText})`, color: EQUIVALENT_COLOR },
    ],
    colorBar: {
      label: `advantage (${b} ← → ${a})`,
      domain: [-maxAdv, maxAdv],
      colors: stops,
      ticks: [-maxAdv, 0, maxAdv],
      format: (v) => (v === 0 ? '0' : `${v < 0 ? b : a} +${f(Math.abs(v), d)}`),
    },
    height: Math.max(640, 430 + 90 * ny),
    plot: {
      marginLeft: 110,
      marginBottom: 60,
      x: { domain: map.x.bins.map((bin) => bin.label), label: map.x.name, labelAnchor: 'center', labelArrow: 'none', tickSize: 0 },
      y: { domain: [...map.y.bins].reverse().map((bin) => bin.label), label: map.y.name, labelArrow: 'none', tickSize: 0 },
      color: { type: 'identity' },
      marks: [
        Plot.cell(data, { x: 'x', y: 'y', fill: 'fill', inset: 2 }),
        Plot.text(data, { x: 'x', y: 'y', text: 'value', fill: 'ink', fontSize: fontSize + 1, fontWeight: 'bold', dy: -9 }),
        Plot.text(data, { x: 'x', y: 'y', text: 'count', fill: 'ink', fontSize: fontSize - 2, dy: 11 }),
      ],
    },
  };
}
