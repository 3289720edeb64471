/**
 * "Which conditions matter": a sensitivity folder's indices as a report section, for the
 * sensitivity folder's own report and for an experiment report given `--sensitivity`. Per
 * metric, the Sobol bars or the Morris chart of the paired difference (or of the one
 * hypothesis), a sentence per target naming the conditions that matter most, computed from the
 * numbers, and a table of every index; with the caveat that the indices are of the model.
 */
import { differencePair, differenceTarget, mainScenario, morrisChart, rankedFactors, scenarioWords, sensitivitySentence, sensitivityTargetWords, sobolChart, type ChartSpec, type Sensitivity, type SensitivityResult } from '../../charts/index.js';
import { morrisMoveWords } from '../../charts/sensitivity-words.js';
import { metricWords } from '../../charts/comparison-common.js';
import { capitalFirst } from '../../charts/where-each-wins-words.js';
import { filesTable, fx } from '../common.js';
import { html, join as joinHtml, table, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { SensitivityInput } from './input.js';

export const SENSITIVITY_SECTION_ID = 'sensitivity';

/** What the method measures, in a paragraph. */
export function methodWords(s: Sensitivity): string {
  const k = s.factors.length;
  if (s.method === 'sobol') {
    return `Sobol indices split the variance of an outcome over the ${k} conditions varied: the first-order index S1 of a condition is the share of the variance due to that condition alone, the total index ST its share with all its interactions with the others (ST ≥ S1; a total near zero means the condition does not matter over its range). They were estimated from ${s.points} points (${s.samples} base samples × ${s.secondOrder ? `(2 × ${k} + 2)` : `(${k} + 2)`}) with ${s.replications} replication${s.replications === 1 ? '' : 's'} each, with ${Math.round(s.level * 100)}% bootstrap intervals (${s.resamples} resamples). These are estimates: from the noise of the runs and of the estimator, an index can come out slightly below 0, S1 above ST, or the indices can sum above 1; the intervals show by how much, and at small sizes (few base samples or replications) the indices are rough.`;
  }
  return `A Morris screening moves one condition at a time ${morrisMoveWords(s.levels)}, along ${s.samples} random trajectories (${s.points} points, ${s.replications} replication${s.replications === 1 ? '' : 's'} each); an elementary effect is the change in the outcome over such a move divided by Δ, a change per whole range of the condition. μ*, the mean absolute elementary effect, says how influential a condition is (in the outcome's units per whole range), and σ, the spread of the elementary effects, how much its effect is non-linear or depends on the other conditions. Intervals of μ* are ${Math.round(s.level * 100)}% bootstrap intervals (${s.resamples} resamples).`;
}

/** The sizes under which an analysis is quick rather than full: Sobol base samples, Morris trajectories, replications. */
export const FULL_SIZE = { sobolSamples: 128, morrisTrajectories: 10, replications: 4 } as const;

/** A caution when the analysis is smaller than {@link FULL_SIZE}, else null. */
export function quickWords(s: Sensitivity): string | null {
  const few: string[] = [];
  if (s.method === 'sobol' && s.samples < FULL_SIZE.sobolSamples) few.push(`${s.samples} base sample${s.samples === 1 ? '' : 's'} (under ${FULL_SIZE.sobolSamples})`);
  if (s.method === 'morris' && s.samples < FULL_SIZE.morrisTrajectories) few.push(`${s.samples} trajector${s.samples === 1 ? 'y' : 'ies'} (under ${FULL_SIZE.morrisTrajectories})`);
  if (s.replications < FULL_SIZE.replications) few.push(`${s.replications} replication${s.replications === 1 ? '' : 's'} per point (under ${FULL_SIZE.replications})`);
  if (few.length === 0) return null;
  return `A quick analysis: ${few.join(' and ')}, so the indices below are rough and their order may change with more runs; run the full size for a ranking to rely on.`;
}

/** The caveat that goes with every sensitivity result. */
export const MODEL_CAVEAT = 'These indices describe the model, not the world: they say which of the conditions varied move the simulated outcome, over the ranges tried and with everything else as the scenario has it. A condition that matters little here may matter in another scenario or over a wider range.';

/** The results shown per metric: the scenario summarised and, per metric, the difference target first, then each hypothesis. */
function resultsByMetric(s: Sensitivity): { metric: string; results: SensitivityResult[] }[] {
  const scenario = mainScenario(s);
  const diff = differenceTarget(s);
  const order = [...(diff !== null ? [diff] : []), ...s.hypotheses];
  const metrics = [...new Set(s.results.map((r) => r.metric))];
  return metrics.map((metric) => ({
    metric,
    results: s.results.filter((r) => r.metric === metric && r.scenario === scenario).sort((p, q) => order.indexOf(p.target) - order.indexOf(q.target)),
  })).filter((m) => m.results.length > 0);
}

/** The section, drawing its charts through `fig`. */
/**
 * The section, drawing its charts through `fig`. With `drawn` (an experiment report), only those
 * measures get a chart and their sentences, and every measure is summarised in one table of its
 * three most influential conditions; without it (a sensitivity folder's own report), every
 * measure gets its chart, sentences and full table of indices.
 */
export function sensitivitySection(input: SensitivityInput, fig: (spec: ChartSpec) => Html, opts: { id?: string; heading?: string; files?: boolean; drawn?: readonly string[] } = {}): Section {
  const s = input.sensitivity;
  const scenario = mainScenario(s);
  const out: Html[] = [];
  out.push(html`<p>${methodWords(s)}</p>`);
  const quick = quickWords(s);
  if (quick !== null) out.push(html`<p class="note"><strong>${quick}</strong></p>`);
  out.push(html`<p class="note">${MODEL_CAVEAT}</p>`);
  const ranges = table(['condition', 'from', 'to'], s.factors.map((f) => [html`<code>${f.name}</code>`, fx(f.min, 3), fx(f.max, 3)]), { cls: 'narrow', numeric: [1, 2], caption: 'The conditions varied and their ranges' });
  // In an experiment report the ranges go in one line (they are the experiment file's).
  out.push(opts.drawn === undefined ? ranges : html`<p class="aside">The conditions varied and their ranges: ${s.factors.map((f) => `${f.name} ${fx(f.min, 3)} to ${fx(f.max, 3)}`).join('; ')}.</p>`);
  const pair = differencePair(s);
  const byMetric = resultsByMetric(s);
  // "all" averages, per result, the scenarios with a value at every point (`over`): said once when every result averages all of them, else per metric.
  const full = byMetric.every(({ results }) => results.every((r) => (r.over ?? s.scenarios).length === s.scenarios.length));
  const where = scenario !== 'all' ? `Scenario: ${scenario}` : full
    ? `Indices of the mean over the ${s.scenarios.length} scenarios (${s.scenarios.join(', ')}) at each point`
    : `Indices, at each point, of the mean over those of the ${s.scenarios.length} scenarios (${s.scenarios.join(', ')}) where the result has a value at every point, named per metric below`;
  out.push(html`<p class="aside">${where}; the paired difference is ${pair !== null ? `${pair[0]} − ${pair[1]} on the same seeds` : 'not available with one hypothesis'}.</p>`);
  if (opts.drawn !== undefined) out.push(summaryTable(s, byMetric));
  for (const { metric, results } of byMetric) {
    if (opts.drawn !== undefined && !opts.drawn.includes(metric)) continue;
    // In an experiment report the chart's own title and subtitle name the measure and the scenarios averaged.
    if (opts.drawn === undefined) {
      out.push(html`<h3>${capitalFirst(metricWords(metric))}</h3>`);
      if (scenario === 'all' && !full) out.push(html`<p class="aside">${overWords(s, results)}</p>`);
    }
    const drawn = results.find((r) => r.skipped === null);
    if (drawn !== undefined) {
      const spec = s.method === 'sobol' ? sobolChart(s, drawn, { id: `sobol-${metric}` }) : morrisChart(s, drawn, { id: `morris-${metric}` });
      // In an experiment report, shorter bars: two charts to a printed page.
      out.push(fig(opts.drawn !== undefined ? { ...spec, height: Math.min(spec.height ?? 600, 620) } : spec));
    }
    // In an experiment report the chart's caption says what matters; each target's sentences are in the sensitivity report.
    if (opts.drawn === undefined) out.push(html`<ul>${results.map((r) => html`<li>${sensitivitySentence(s, r)}</li>`)}</ul>`);
    if (opts.drawn === undefined) out.push(indexTable(s, results));
  }
  // In another folder's report, where these numbers came from.
  if (opts.files === true) {
    out.push(html`<h3>Sensitivity files</h3>`, html`<p>From <code>${input.dir}</code>, made by <code>npm run sensitivity</code> from <code>${s.experiment.file}</code> (seed ${String(s.seed)}):</p>`, filesTable(input.files));
  }
  return { id: opts.id ?? SENSITIVITY_SECTION_ID, title: opts.heading ?? 'Which conditions matter', body: joinHtml(out) };
}

/** Every measure in one table: its three most influential conditions for the paired difference (or the first hypothesis), with intervals. */
function summaryTable(s: Sensitivity, byMetric: { metric: string; results: SensitivityResult[] }[]): Html {
  const target = differenceTarget(s) ?? s.hypotheses[0];
  const cell = (x: ReturnType<typeof rankedFactors>[number] | undefined) => {
    if (x === undefined) return '–';
    const [v, i] = s.method === 'sobol' ? [x.total, x.totalInterval] as const : [x.muStar, x.muStarInterval] as const;
    if (!Number.isFinite(v)) return '–';
    return html`${x.factor} ${fx(v, 2)}<span class="ci-line">[${fx(i[0], 2)}, ${fx(i[1], 2)}]</span>`;
  };
  const rows = byMetric.map(({ metric, results }) => {
    const r = results.find((q) => q.target === target);
    if (r === undefined || r.skipped !== null) return [metricWords(metric), html`<span class="aside">${r?.skipped ?? 'no result'}</span>`, '', ''];
    const ranked = rankedFactors(s, r);
    return [metricWords(metric), cell(ranked[0]), cell(ranked[1]), cell(ranked[2])];
  });
  const what = s.method === 'sobol' ? 'total index ST' : 'μ*';
  return joinHtml([
    table(['measure', 'first', 'second', 'third'], rows, { caption: `The three conditions that matter most for each measure (${what} of ${target === differenceTarget(s) ? `the paired difference ${target}` : target}, with ${Math.round(s.level * 100)}% intervals)` }),
    html`<p class="aside">Charts for the key measures follow; every index of every measure and hypothesis is in <code>sensitivity.csv</code> of the sensitivity folder, and in its own report (<code>npm run report -- &lt;sensitivity folder&gt;</code>).</p>`,
  ]);
}

/** The scenarios a metric's "all" results average: one phrase when they agree, else one per target. */
function overWords(s: Sensitivity, results: SensitivityResult[]): string {
  const words = results.map((r) => scenarioWords(s, r));
  if (words.every((w) => w === words[0])) return `Here "all" is ${words[0]}.`;
  return `Here "all" is, for ${results.map((r, k) => `${sensitivityTargetWords(s, r)}, ${words[k]}`).join('; for ')}.`;
}

/** Every index of a metric's results: a row per target and factor. */
function indexTable(s: Sensitivity, results: SensitivityResult[]): Html {
  const iv = (v: number, i: [number, number], d: number) => html`${fx(v, d)} <span class="aside">[${fx(i[0], d)}, ${fx(i[1], d)}]</span>`;
  const rows = results.flatMap((r) => (r.skipped !== null ? [[sensitivityTargetWords(s, r), '–', html`<span class="aside">${r.skipped}</span>`, '', '']] : rankedFactors(s, r).map((x) => {
    if (s.method === 'sobol') return [sensitivityTargetWords(s, r), x.factor, iv(x.first, x.firstInterval, 2), iv(x.total, x.totalInterval, 2), ''];
    const d = Math.max(0, Math.min(4, 2 - Math.floor(Math.log10(Math.max(...rankedFactors(s, r).map((y) => Math.abs(y.muStar)).filter(Number.isFinite), 1e-12)))));
    return [sensitivityTargetWords(s, r), x.factor, fx(x.mu, d), iv(x.muStar, x.muStarInterval, d), fx(x.sigma, d)];
  })));
  if (s.method === 'sobol') return table(['target', 'condition', 'S1 (alone)', 'ST (with interactions)'], rows.map((r) => r.slice(0, 4)), { numeric: [2, 3] });
  return table(['target', 'condition', 'μ (signed mean effect)', 'μ* (mean absolute effect)', 'σ (spread)'], rows, { numeric: [2, 3, 4] });
}
