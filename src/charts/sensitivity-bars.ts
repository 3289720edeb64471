/**
 * Chart: Sobol indices of one metric and target, as paired bars per condition (factor): the
 * first-order index S1 (the share of the outcome's variance due to the factor alone) and the
 * total index ST (its share with all its interactions), each with its bootstrap interval as a
 * whisker, factors sorted by total index (Saltelli et al. 2010, "Variance based sensitivity
 * analysis of model output", Comput. Phys. Commun. 181, 259-270).
 */
import * as Plot from '@observablehq/plot';
import type { ChartSpec } from './render.js';
import { f, listWords, plural } from './common.js';
import { metricWords } from './comparison-common.js';
import { capitalFirst } from './where-each-wins-words.js';
import { textWidth } from './font.js';
import { INK, mix, TYPE } from './palette.js';
import { rankedFactors, type Sensitivity, type SensitivityResult } from './sensitivity-data.js';
import { scenarioWords, sensitivityTargetWords } from './sensitivity-words.js';

/** Total index: Okabe-Ito bluish green; first-order: the same, lighter (a part of the total). */
export const TOTAL_COLOR = '#009E73';
export const FIRST_COLOR = mix('#009E73', '#FFFFFF', 0.55);

const S1 = 'S1: alone';
const ST = 'ST: with interactions';

export interface SobolChartOptions {
  id?: string;
  title?: string;
  subtitle?: string;
}

/** Paired S1 / ST bars with interval whiskers for one result of a Sobol sensitivity file. */
export function sobolChart(s: Sensitivity, r: SensitivityResult, opts: SobolChartOptions = {}): ChartSpec {
  if (s.method !== 'sobol') throw new Error('sobolChart: the sensitivity file is a Morris screening; use morrisChart');
  if (r.skipped !== null) throw new Error(`sobolChart: no indices for ${r.metric} (${r.skipped})`);
  const ranked = rankedFactors(s, r);
  const data = ranked.flatMap((x) => [
    { factor: x.factor, index: S1, value: x.first, low: x.firstInterval[0], high: x.firstInterval[1], fill: FIRST_COLOR },
    { factor: x.factor, index: ST, value: x.total, low: x.totalInterval[0], high: x.totalInterval[1], fill: TOTAL_COLOR },
  ]).map((d) => ({ ...d, label: f(d.value, 2), end: Math.max(d.value, Number.isFinite(d.high) ? d.high : d.value) }));
  const ends = data.flatMap((d) => [d.value, d.low, d.high]).filter(Number.isFinite);
  const lo = Math.min(0, ...ends), hi = Math.max(0.1, ...ends);
  const level = Math.round(s.level * 100);

  // Caption, from the numbers.
  const sentences = [
    `For each condition, S1 (light bar) is the share of the variance of ${sensitivityTargetWords(s, r)} due to that condition alone, and ST (dark bar) its share with all its interactions with the others; the whiskers are ${level}% bootstrap intervals (${s.resamples} resamples), and conditions are sorted by ST.`,
  ];
  const finite = ranked.filter((x) => Number.isFinite(x.total));
  const top = finite[0];
  if (top !== undefined) {
    sentences.push(`${top.factor} matters most (ST ${f(top.total, 2)} [${f(top.totalInterval[0], 2)}, ${f(top.totalInterval[1], 2)}], S1 ${f(top.first, 2)}).`);
    const small = finite.filter((x) => x.totalInterval[1] < 0.05 || (!Number.isFinite(x.totalInterval[1]) && x.total < 0.05)).map((x) => x.factor);
    if (small.length > 0) sentences.push(`${listWords(small)} ${small.length === 1 ? 'contributes' : 'contribute'} little (ST below 0.05).`);
    const interaction = finite.reduce((t, x) => t + x.total, 0) - finite.reduce((t, x) => t + (Number.isFinite(x.first) ? x.first : 0), 0);
    if (interaction > 0.1) sentences.push(`The totals exceed the first-order indices by ${f(interaction, 2)} in all: part of the variance comes from conditions acting together.`);
    // Shares cannot be negative, nor S1 above ST: such estimates are the noise of the runs and the estimator.
    const odd = finite.filter((x) => Number.isFinite(x.first) && (x.first < 0 || x.first > x.total)).map((x) => x.factor);
    if (odd.length > 0) sentences.push(`The estimate${odd.length === 1 ? '' : 's'} for ${listWords(odd)} ${odd.length === 1 ? 'has' : 'have'} S1 below 0 or above ST, which a share cannot be: noise of the runs and the estimator, of the size the whiskers show.`);
  }
  sentences.push(`Indices are of the model over the ranges tried (${s.samples} base samples, ${s.points} points, ${plural(s.replications, 'replication')} each), not of the world.`);

  const labelW = 24 + Math.max(...ranked.map((x) => textWidth(x.factor, TYPE.axis)));
  return {
    id: opts.id ?? `sobol-${r.metric}`,
    title: opts.title ?? `Which conditions matter for ${metricWords(r.metric)}`,
    subtitle: opts.subtitle ?? `${scenarioWords(s, r)}; ${sensitivityTargetWords(s, r)}; Sobol indices`,
    caption: sentences.map(capitalFirst).join(' '),
    legend: [
      { label: 'S1: share of the variance due to the condition alone', color: FIRST_COLOR },
      { label: 'ST: share with its interactions', color: TOTAL_COLOR },
      { label: `${level}% interval`, color: INK.text, shape: 'line' },
    ],
    height: Math.max(480, 300 + 62 * ranked.length),
    plot: {
      marginLeft: Math.min(260, Math.max(110, labelW)),
      marginRight: 60,
      x: { domain: [lo, hi * 1.08], label: 'share of the variance', labelAnchor: 'center', labelArrow: 'none', grid: true },
      fy: { domain: ranked.map((x) => x.factor), label: null, axis: 'left', padding: 0.18 },
      y: { domain: [S1, ST], axis: null, padding: 0.08 },
      color: { type: 'identity' },
      marks: [
        Plot.ruleX([0], { stroke: INK.axis }),
        Plot.barX(data, { fy: 'factor', y: 'index', x1: 0, x2: 'value', fill: 'fill', stroke: INK.axis, strokeWidth: 0.5 }),
        Plot.ruleY(data.filter((d) => Number.isFinite(d.low) && Number.isFinite(d.high)), { fy: 'factor', y: 'index', x1: 'low', x2: 'high', stroke: INK.text, strokeWidth: 2 }),
        Plot.tickX(data.filter((d) => Number.isFinite(d.low)), { fy: 'factor', y: 'index', x: 'low', stroke: INK.text, strokeWidth: 2, inset: 6 }),
        Plot.tickX(data.filter((d) => Number.isFinite(d.high)), { fy: 'factor', y: 'index', x: 'high', stroke: INK.text, strokeWidth: 2, inset: 6 }),
        Plot.text(data, { fy: 'factor', y: 'index', x: 'end', text: 'label', dx: 6, textAnchor: 'start', fill: INK.text, fontSize: 13 }),
      ],
    },
  };
}

export interface TotalIndexChartOptions extends SobolChartOptions {
  /** Words for each factor on the axis (default: the factor's name). */
  labels?: Readonly<Record<string, string>>;
  /** Show at most this many factors, most influential first (default: all). */
  top?: number;
}

/**
 * The total Sobol index alone, one bar per condition with its interval, in words a seminar reads
 * (`labels`): the short form of {@link sobolChart} for a handout.
 */
export function totalIndexChart(s: Sensitivity, r: SensitivityResult, opts: TotalIndexChartOptions = {}): ChartSpec {
  if (s.method !== 'sobol') throw new Error('totalIndexChart: the sensitivity file is a Morris screening');
  if (r.skipped !== null) throw new Error(`totalIndexChart: no indices for ${r.metric} (${r.skipped})`);
  const ranked = rankedFactors(s, r).filter((x) => Number.isFinite(x.total));
  const shown = ranked.slice(0, opts.top ?? ranked.length);
  const label = (factor: string) => opts.labels?.[factor] ?? factor;
  const data = shown.map((x) => ({ factor: label(x.factor), value: x.total, low: x.totalInterval[0], high: x.totalInterval[1], text: f(x.total, 2) }))
    .map((d) => ({ ...d, end: Math.max(d.value, Number.isFinite(d.high) ? d.high : d.value) }));
  const ends = data.flatMap((d) => [d.value, d.low, d.high]).filter(Number.isFinite);
  const lo = Math.min(0, ...ends), hi = Math.max(0.1, ...ends);
  const level = Math.round(s.level * 100);
  const left = ranked.length - shown.length;
  const sentences = [
    `Each bar is one condition: its total Sobol index, the share of the variation in ${sensitivityTargetWords(s, r)} that the condition accounts for, alone and with its interactions; the whiskers are ${level}% bootstrap intervals.`,
  ];
  if (left > 0) {
    const most = Math.max(...ranked.slice(shown.length).map((x) => x.total));
    sentences.push(`The other ${left} condition${left === 1 ? '' : 's'} account${left === 1 ? 's' : ''} for ${most < 0.005 ? 'almost none of it (total index below 0.005 each)' : `at most ${f(most, 2)} each`}.`);
  }
  sentences.push(`Over the ranges tried (${s.samples} base samples, ${plural(s.replications, 'replication')} a point): the model's sensitivity, not the world's.`);
  const labelW = 24 + Math.max(...data.map((d) => textWidth(d.factor, TYPE.axis)));
  return {
    id: opts.id ?? `total-index-${r.metric}`,
    title: opts.title ?? `Which conditions decide ${metricWords(r.metric)}`,
    subtitle: opts.subtitle,
    caption: sentences.join(' '),
    height: Math.max(300, 200 + 40 * data.length),
    plot: {
      marginLeft: Math.min(420, Math.max(110, labelW)),
      marginRight: 60,
      x: { domain: [lo, hi * 1.1], label: 'total index (share of the variation)', labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { domain: data.map((d) => d.factor), label: null, padding: 0.25 },
      color: { type: 'identity' },
      marks: [
        Plot.ruleX([0], { stroke: INK.axis }),
        Plot.barX(data, { y: 'factor', x1: 0, x2: 'value', fill: TOTAL_COLOR, stroke: INK.axis, strokeWidth: 0.5 }),
        Plot.ruleY(data.filter((d) => Number.isFinite(d.low) && Number.isFinite(d.high)), { y: 'factor', x1: 'low', x2: 'high', stroke: INK.text, strokeWidth: 2 }),
        Plot.text(data, { y: 'factor', x: 'end', text: 'text', dx: 6, textAnchor: 'start', fill: INK.text, fontSize: 14 }),
      ],
    },
  };
}
