/**
 * "Where each hypothesis wins": for two conditions, a map of the mean paired difference over
 * the others, for the key metrics (final trust in partners, its error, the trusters' payoff and
 * activity kept up after a betrayal, where present), with sentences counted from its cells.
 * From an experiment's comparison rows (a grid or a Latin hypercube of parameter sets), or from
 * a sensitivity folder's design points (the difference target of points.csv) when one is given.
 */
import { differenceTarget, factorsByImportance, factorsForMetric, mainScenario, whereEachWinsSpec, winsFromComparison, winsFromPoints, winsMap, winsSentences, type ChartSpec, type Comparison, type WinsInput } from '../../charts/index.js';
import { metricWords } from '../../charts/comparison-common.js';
import { capitalFirst, short } from '../../charts/where-each-wins-words.js';
import { html, join as joinHtml, type Html } from '../html.js';
import type { Section } from '../page.js';
import type { SensitivityInput } from '../sensitivity/input.js';

/** The metrics mapped, in order, when present. */
export const WHERE_METRICS = ['partnerBelief', 'brier', 'trusterPayoff', 'activityContinuation'] as const;

export const WHERE_SECTION_ID = 'where-each-wins';

/** What the map is drawn from. */
export type WhereSource =
  | { kind: 'comparison'; comparison: Comparison }
  /** A sensitivity folder's points; `margins` (an experiment's comparison) lends its metrics' equivalence margins. */
  | { kind: 'points'; input: SensitivityInput; margins?: Comparison };

/** The conditions a map may put on its axes, in the order the default takes them. */
export function whereCandidates(source: WhereSource): string[] {
  if (source.kind === 'points') {
    const s = source.input.sensitivity;
    return differenceTarget(s) !== null ? factorsByImportance(s) : [];
  }
  // The conditions that take two values or more, in the order of the experiment's conditions.
  const values = new Map<string, Set<number>>();
  for (const r of source.comparison.rows) for (const [k, v] of Object.entries(r.params)) (values.get(k) ?? values.set(k, new Set()).get(k)!).add(v);
  return [...values].filter(([, vs]) => vs.size >= 2).map(([k]) => k);
}

/** The two conditions of the map: `where` when given and valid, else the first two candidates; or why there is no map. */
export function whereAxes(source: WhereSource, where?: readonly [string, string]): [string, string] | { reason: string } {
  const candidates = whereCandidates(source);
  const all = source.kind === 'points' ? source.input.sensitivity.factors.map((f) => f.name) : candidates;
  if (source.kind === 'points' && differenceTarget(source.input.sensitivity) === null) return { reason: 'the sensitivity analysis has one hypothesis, so there is no paired difference to map' };
  if (source.kind === 'points' && source.input.points.length === 0) return { reason: 'the sensitivity folder has no points.csv' };
  if (where !== undefined) {
    const unknown = where.filter((w) => !all.includes(w));
    if (unknown.length > 0) return { reason: `--where names ${unknown.join(' and ')}, which ${unknown.length === 1 ? 'is' : 'are'} not among the conditions varied (${all.join(', ') || 'none'})` };
    if (where[0] === where[1]) return { reason: `--where names ${where[0]} twice; give two different conditions` };
    return [where[0], where[1]];
  }
  if (candidates.length < 2) {
    return { reason: candidates.length === 0 ? 'no condition takes two values or more, so there is nothing to map' : `only one condition varies (${candidates[0]}), and the map needs two` };
  }
  return [candidates[0], candidates[1]];
}

/**
 * The two axes of one metric's map when a sensitivity analysis chooses them (no --where): the
 * two factors with the largest total index (Sobol) or mu* (Morris) of that metric's paired
 * difference, with the words saying so; null when the analysis has no result for the metric.
 */
export function metricAxes(source: WhereSource, metric: string, scenario: string): { x: string; y: string; words: string } | null {
  if (source.kind !== 'points') return null;
  const s = source.input.sensitivity;
  const ranked = factorsForMetric(s, metric, scenario)?.filter((f) => Number.isFinite(s.method === 'sobol' ? f.total : f.muStar));
  if (ranked === undefined || ranked.length < 2) return null;
  const [p, q] = ranked;
  const v = (f: typeof p) => (s.method === 'sobol' ? `ST ${f.total.toFixed(2)}` : `μ* ${short(f.muStar)}`);
  const index = s.method === 'sobol' ? 'total indices' : 'μ* (mean absolute elementary effects)';
  return { x: p.factor, y: q.factor, words: `${p.factor} across and ${q.factor} up: the two conditions with the largest ${index} for this metric's paired difference (${p.factor} ${v(p)}, ${q.factor} ${v(q)})` };
}

/** The map's input for a metric, or null when the source has no finite value of it. */
function inputFor(source: WhereSource, metric: string, scenario: string): WinsInput | null {
  let input: WinsInput;
  if (source.kind === 'comparison') input = winsFromComparison(source.comparison, metric, scenario);
  else {
    const m = source.margins?.rows.filter((r) => r.metric === metric).map((r) => (r as { margin?: unknown }).margin).find((v): v is number => typeof v === 'number');
    input = winsFromPoints(source.input.sensitivity, source.input.points, metric, m !== undefined ? { scenario, margin: m } : { scenario });
  }
  return input.points.some((p) => Number.isFinite(p.diff)) ? input : null;
}

/** The metrics mapped: the key metrics present, else the first metric of the source. */
function metricsOf(source: WhereSource): string[] {
  const present = source.kind === 'comparison' ? [...new Set(source.comparison.rows.map((r) => r.metric))] : [...new Set(source.input.points.map((p) => p.metric))];
  const key = WHERE_METRICS.filter((m) => present.includes(m));
  return key.length > 0 ? key : present.slice(0, 1);
}

/** The section: a map per key metric (and scenario, for an experiment), each with its sentences. */
/** `only`: draw the maps of these metrics alone (an experiment report keeps to the key ones; the sensitivity report draws them all). */
export function whereEachWinsSection(source: WhereSource, fig: (spec: ChartSpec) => Html, where?: readonly [string, string], only?: readonly string[]): Section {
  const out: Html[] = [];
  const axes = whereAxes(source, where);
  const title = 'Where each hypothesis wins';
  if ('reason' in axes) {
    out.push(html`<p class="missing">No map: ${axes.reason}.</p>`);
    return { id: WHERE_SECTION_ID, title, body: joinHtml(out) };
  }
  const perMetric = where === undefined && source.kind === 'points';
  const from = source.kind === 'comparison'
    ? `the experiment's parameter sets (the mean paired difference of each, over its replications)`
    : `the sensitivity analysis's ${source.input.sensitivity.points} design points (the mean paired difference of each, over its replications)`;
  const chosen = where !== undefined ? 'chosen with --where' : 'the first two conditions varied';
  const placed = perMetric
    ? `Each map puts on its axes the two conditions that matter most for its own metric (the two with the largest ${source.input.sensitivity.method === 'sobol' ? 'total indices' : 'μ*'} of that metric's paired difference in the sensitivity analysis; named above each map, so two maps may have different axes)`
    : `Each map puts ${axes[0]} across and ${axes[1]} up (${chosen})`;
  out.push(html`<p>${placed} and gathers ${from} into cells: by the values a condition takes when it takes a few (a grid), else into bins holding about as many points each. A cell shows the mean difference over the points in it, so over every other condition; its colour says which hypothesis does better there, whatever the direction in which the metric is better, and grey cells are within the margin: their mean difference lies within the metric's practical-equivalence margin (a mean over the cell, with no interval, so not a finding of equivalence). Choose the same two conditions for every map with <code>--where A,B</code>.</p>`);
  const scenarios = source.kind === 'comparison' ? [...new Set(source.comparison.rows.map((r) => r.scenario))] : [mainScenario(source.input.sensitivity)];
  let drawn = 0;
  for (const metric of metricsOf(source).filter((m) => only === undefined || only.includes(m))) {
    for (const scenario of scenarios) {
      const input = inputFor(source, metric, scenario);
      if (input === null) continue;
      const own = perMetric ? metricAxes(source, metric, scenario) : null;
      const [x, y] = own === null ? axes : [own.x, own.y];
      const map = winsMap(input, x, y);
      if (map.cells.every((c) => c.side === 'none')) continue;
      const suffix = scenarios.length > 1 ? `: ${scenario === 'all' ? 'mean over the scenarios' : scenario}` : '';
      out.push(html`<h3>${capitalFirst(metricWords(metric))}${suffix}</h3>`);
      if (perMetric) out.push(html`<p class="aside">Axes: ${own !== null ? own.words : `${x} across and ${y} up (the analysis has no index for this metric's difference, so the two that matter most over all the metrics)`}.</p>`);
      out.push(html`<ul>${winsSentences(map).map((s) => html`<li>${s}</li>`)}</ul>`);
      const spec = whereEachWinsSpec(map, { id: `where-${metric}${scenarios.length > 1 ? `-${scenarios.indexOf(scenario) + 1}` : ''}` });
      // In an experiment report (`only`), a lower map: two to a printed page.
      out.push(fig(only !== undefined ? { ...spec, height: Math.min(spec.height ?? 640, 600) } : spec));
      drawn++;
    }
  }
  if (drawn === 0) out.push(html`<p class="missing">No map: no key metric has a finite paired difference.</p>`);
  return { id: WHERE_SECTION_ID, title, body: joinHtml(out) };
}
