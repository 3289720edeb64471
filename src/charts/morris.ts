/**
 * Chart: a Morris screening of one metric and target, mu* (the mean absolute elementary effect:
 * the change in the outcome when the condition moves by Delta of its range, divided by Delta, so
 * a change per whole range) against sigma (their spread: how much that
 * effect depends on where the other conditions are, or on the condition's own level), one
 * labelled point per condition with mu*'s bootstrap interval as a horizontal whisker (Morris
 * 1991, Technometrics 33, 161-174; mu* after Campolongo, Cariboni and Saltelli 2007). The
 * dashed line sigma = mu* separates effects that are mostly steady (below) from those that are
 * mostly non-linear or interacting (above).
 */
import * as Plot from '@observablehq/plot';
import type { ChartSpec } from './render.js';
import { f, listWords, plural } from './common.js';
import { metricWords } from './comparison-common.js';
import { capitalFirst } from './where-each-wins-words.js';
import { CATEGORICAL, INK } from './palette.js';
import { rankedFactors, type Sensitivity, type SensitivityResult } from './sensitivity-data.js';
import { MINOR_SHARE, morrisMoveWords, scenarioWords, sensitivityTargetWords } from './sensitivity-words.js';

export interface MorrisChartOptions {
  id?: string;
  title?: string;
  subtitle?: string;
}

/** Decimals for values up to `v`: about two significant digits. */
function digitsFor(v: number): number {
  if (!Number.isFinite(v) || v === 0) return 2;
  return Math.max(0, Math.min(4, 1 - Math.floor(Math.log10(Math.abs(v)))));
}

/** mu* against sigma per condition for one result of a Morris sensitivity file. */
export function morrisChart(s: Sensitivity, r: SensitivityResult, opts: MorrisChartOptions = {}): ChartSpec {
  if (s.method !== 'morris') throw new Error('morrisChart: the sensitivity file holds Sobol indices; use sobolChart');
  if (r.skipped !== null) throw new Error(`morrisChart: no indices for ${r.metric} (${r.skipped})`);
  const ranked = rankedFactors(s, r).filter((x) => Number.isFinite(x.muStar) && Number.isFinite(x.sigma));
  if (ranked.length === 0) throw new Error(`morrisChart: no finite mu* and sigma for ${r.metric}`);
  const data = ranked.map((x, k) => ({ ...x, color: CATEGORICAL[k % CATEGORICAL.length], low: x.muStarInterval[0], high: x.muStarInterval[1] }));
  const xMax = Math.max(...data.flatMap((d) => [d.muStar, d.high]).filter(Number.isFinite), 1e-12) * 1.15;
  const yMax = Math.max(...data.map((d) => d.sigma), 1e-12) * 1.2;
  const line = Math.min(xMax, yMax);
  const dx = digitsFor(xMax);
  const level = Math.round(s.level * 100);

  // Caption, from the numbers.
  const top = data[0];
  const sentences = [
    `Each point is a condition: how far right it lies is μ*, its mean absolute elementary effect on ${sensitivityTargetWords(s, r)} (the change when the condition alone moves ${morrisMoveWords(s.levels)}, divided by Δ: a change per whole range), with its ${level}% bootstrap interval as a whisker; how high, σ, the spread of those effects.`,
    'Far right means influential; high means the effect is non-linear or depends on the other conditions (above the dashed line σ = μ* mostly so).',
    `${top.factor} is the most influential (μ* ${f(top.muStar, dx)}, σ ${f(top.sigma, dx)}).`,
  ];
  const minor = data.filter((d) => d.muStar < MINOR_SHARE * top.muStar).map((d) => d.factor);
  if (minor.length > 0) sentences.push(`${listWords(minor)} ${minor.length === 1 ? 'has' : 'have'} little effect (μ* under a tenth of the largest).`);
  const above = data.filter((d) => d.sigma > d.muStar && d.muStar >= MINOR_SHARE * top.muStar).map((d) => d.factor);
  if (above.length > 0) sentences.push(`${listWords(above)} ${above.length === 1 ? 'lies' : 'lie'} above the line: ${above.length === 1 ? 'its effect varies' : 'their effects vary'} more than ${above.length === 1 ? 'it averages' : 'they average'}.`);
  sentences.push(`A screening of the model over the ranges tried (${s.samples} trajectories, ${s.points} points, ${plural(s.replications, 'replication')} each), not of the world; μ* is in the metric's own units per whole range of the condition.`);

  return {
    id: opts.id ?? `morris-${r.metric}`,
    title: opts.title ?? `Which conditions matter for ${metricWords(r.metric)}`,
    subtitle: opts.subtitle ?? `${scenarioWords(s, r)}; ${sensitivityTargetWords(s, r)}; Morris screening`,
    caption: sentences.map(capitalFirst).join(' '),
    legend: [
      ...data.map((d) => ({ label: d.factor, color: d.color, shape: 'circle' as const })),
      { label: 'σ = μ*', color: INK.muted, shape: 'dashed' },
      { label: `${level}% interval of μ*`, color: INK.text, shape: 'line' },
    ],
    height: 580,
    plot: {
      marginLeft: 80,
      marginRight: 50,
      x: { domain: [0, xMax], label: 'μ*: mean absolute effect (influence) →', labelAnchor: 'center', labelArrow: 'none', grid: true },
      y: { domain: [0, yMax], label: '↑ σ: spread of the effect (non-linear or interacting)', labelAnchor: 'top', labelArrow: 'none', grid: true },
      color: { type: 'identity' },
      marks: [
        Plot.line([[0, 0], [line, line]], { stroke: INK.muted, strokeDasharray: '6,4', strokeWidth: 1.5 }),
        Plot.ruleY(data.filter((d) => Number.isFinite(d.low) && Number.isFinite(d.high)), { y: 'sigma', x1: 'low', x2: 'high', stroke: 'color', strokeWidth: 2.5 }),
        Plot.dot(data, { x: 'muStar', y: 'sigma', fill: 'color', r: 7, stroke: 'white', strokeWidth: 1.5 }),
        Plot.text(data, { x: 'muStar', y: 'sigma', text: 'factor', dy: -14, fill: INK.text, fontSize: 14, fontWeight: 'bold', stroke: 'white', strokeWidth: 4, paintOrder: 'stroke' }),
      ],
    },
  };
}
