/** Chart 6a: the hypotheses' two mean trajectories on the same seeds, with confidence bands. */
import type { StepRow } from './data.js';
import type { ChartSpec } from './render.js';
import { trendFromSteps, trustOverTimeChart } from './trust-over-time.js';
import { listWords, unique } from './common.js';

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
    subtitle: opts.subtitle ?? (one ? `${one.scenario}${one.set ? `, parameter set ${one.set}` : ''}; ${n} run${n === 1 ? '' : 's'} per hypothesis` : undefined),
    bandLabel: `95% confidence interval of the mean over ${n} run${n === 1 ? '' : 's'}`,
  });
}
