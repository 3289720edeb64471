/**
 * What every section of a run report reads: the run, its figures, names and the helpers that
 * draw a chart as a figure or say what the run lacks.
 */
import { basename, extname } from 'node:path';
import { resolveWorld } from '../../world/resolve.js';
import { ChartSet, figure } from '../charts.js';
import { html, type Html } from '../html.js';
import type { RunInput } from './input.js';

export interface RunContext {
  input: RunInput;
  m: RunInput['manifest'];
  data: RunInput['data'];
  explain: RunInput['explain'];
  scenario: RunInput['scenario'];
  ctx: { chartsHref: string; reportCommand: string };
  /** Draws a chart into the report and returns its figure. */
  fig: (spec: Parameters<ChartSet['add']>[0]) => Html;
  series: RunInput['data']['series'];
  first: RunInput['data']['series'][number];
  last: RunInput['data']['series'][number];
  peak: RunInput['data']['series'][number];
  states: readonly string[];
  names: readonly string[];
  runLabel: string;
  subtitle: string;
  hasPairs: boolean;
  hasEvents: boolean;
  /** A series column summed over the run. */
  sum: (col: string) => number;
  /** A row's value of a column (NaN when it has none). */
  v: (r: RunInput['data']['series'][number], col: string) => number;
  pairsMissing: (what: string) => Html;
  eventsMissing: (what: string) => Html;
}

export function runContext(input: RunInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string }): RunContext {
  const { manifest: m, data } = input;
  const series = data.series;
  // series[0] is the initial state (step 0, before any activity), series[last] the end of the run.
  const first = series[0], last = series[series.length - 1];
  const states = data.final.states;
  const sc = input.scenario.value;
  const runLabel = `${m.hypothesis}, seed ${m.seed}`;
  // Slides are named by the scenario file: scenarios/asean-admm.yaml -> asean-admm--trust-over-time.png.
  charts.slug = basename(m.scenario.file, extname(m.scenario.file));
  let names: readonly string[] = states;
  if (sc !== null) {
    try {
      const w = resolveWorld(sc, { hypothesis: m.hypothesis, steps: m.steps });
      if (w.ids.length === states.length && w.ids.every((id, k) => id === states[k])) names = w.names;
    } catch { /* names stay ids */ }
  }
  const v = (r: typeof first, col: string) => r.values[col] ?? Number.NaN;
  let peak = first;
  for (const r of series) if (v(r, 'meanTension') > v(peak, 'meanTension')) peak = r;
  return {
    input, m, data, explain: input.explain, scenario: input.scenario, ctx,
    fig: (spec) => figure(charts.add(spec), ctx.chartsHref),
    series, first, last, peak, states, names, runLabel, subtitle: `${m.scenario.name}; ${runLabel}`,
    hasPairs: data.pairs.length > 0,
    hasEvents: input.explainCaveat === null,
    sum: (col) => series.reduce((s, r) => s + (r.values[col] ?? 0), 0),
    v,
    pairsMissing: (what) => html`<p class="missing">This run has no <code>pairs.csv</code> (every pair's trust at every step), so ${what}. Run the scenario again with <code>--pairs</code> to get it: <code>${`npm run simulate -- ${m.scenario.file} --seed ${m.seed} --hypothesis ${m.hypothesis} --steps ${m.steps} --pairs`}</code>, then report on that folder.</p>`,
    eventsMissing: (what) => html`<p class="missing">This run has no event log (it was written with <code>--no-events</code>), so ${what}. Run the scenario again without <code>--no-events</code>.</p>`,
  };
}
