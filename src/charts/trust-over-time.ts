/**
 * Chart 1: trust over time. Regional mean trust per series (hypotheses, scenarios) with a band
 * across replications; and, for a single run, chosen pairs' trust from pairs.csv (pair-trust.ts).
 */
import * as Plot from '@observablehq/plot';
import type { ChartSpec } from './render.js';
import { monthDate, seriesColors, stepMonths, timeAxis, unique } from './common.js';
import { METRIC_AXIS, METRIC_WORDS, type TrendRow } from './trend.js';
import { capital, trustOverTimeSentences } from './trust-over-time-caption.js';

export { METRIC_AXIS, METRIC_WORDS, trendFromSeries, trendFromSteps, type TrendRow } from './trend.js';
export { pairTrustChart, type PairTrustOptions } from './pair-trust.js';

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
  /**
   * The first and last month of the time axis (`YYYY-MM`; default: the data's): a run shown while
   * it goes keeps its whole span on the axis, and its lines grow across it.
   */
  span?: [string, string];
}

/** Fill opacity of the bands, and of their swatch in the legend. */
export const BAND_OPACITY = 0.18;

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

  const sentences = trustOverTimeSentences(rows, names, bySeries, words, hasBand, months, opts.bandLabel);

  const data = rows.map((r) => ({ ...r, x: monthDate(r.date) }));
  const marks: Plot.Markish[] = [];
  if (hasBand) {
    for (const name of names) {
      marks.push(Plot.areaY(data.filter((r) => r.series === name && Number.isFinite(r.lo) && Number.isFinite(r.hi)), {
        x: 'x', y1: 'lo', y2: 'hi', fill: colors.get(name)!, fillOpacity: BAND_OPACITY, curve: 'linear',
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
      // The bands in their own colours (each series' band fill, at the band's opacity).
      ...(hasBand ? [{ label: opts.bandLabel ?? 'band', color: colors.get(names[0])!, shape: 'band' as const, colors: names.map((n) => colors.get(n)!), opacity: BAND_OPACITY }] : []),
    ],
    plot: {
      x: timeAxis(months, opts.span === undefined ? {} : { domain: opts.span.map(monthDate) }),
      y: { label: METRIC_AXIS[metric] ?? metric, grid: true, nice: true, labelArrow: 'none' },
      marks,
    },
  };
}
