/** Trajectories for trust over time: a series' mean per step with a band, from steps.csv or series.csv. */
import type { SeriesRow, StepRow } from './data.js';

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
