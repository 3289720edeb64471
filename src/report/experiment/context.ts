/**
 * What every section of an experiment report reads: the plan, its results, the base set and
 * headline metric, the rows of steps.csv drawn, and the helper that draws a chart as a figure.
 */
import { join } from 'node:path';
import { COMPARISON_METRIC_WORDS, type Comparison, type ComparisonRow, type StepRow } from '../../charts/index.js';
import { paramsLabel } from '../../charts/common.js';
import { ChartSet, figure } from '../charts.js';
import type { Html } from '../html.js';
import { METRICS } from '../../experiment/metrics.js';
import { readSteps } from '../read.js';
import { NETWORK_METRIC_WORDS } from './agreement-network.js';
import type { ExperimentInput } from './input.js';

export const metricWords = (m: string) => COMPARISON_METRIC_WORDS[m] ?? NETWORK_METRIC_WORDS[m] ?? m;

/** Neither direction of the metric is better for trust-building (MetricDef `neutral`): the report says no hypothesis leads on it. */
export const isNeutral = (m: string): boolean => METRICS.find((d) => d.name === m)?.neutral === true;

/** Rows of one comparison for one scenario and metric, by set. */
export function rowsOf(c: Comparison, scenario: string, metric: string): ComparisonRow[] {
  return c.rows.filter((r) => r.scenario === scenario && r.metric === metric);
}

/** The parameter set where the two hypotheses differ most on `metric` (the as-written set on ties). */
function setOfLargestDifference(c: Comparison | undefined, scenario: string, metric: string, fallback: number): number {
  if (c === undefined) return fallback;
  let best: ComparisonRow | null = null;
  for (const r of rowsOf(c, scenario, metric)) if (Number.isFinite(r.meanDiff) && (best === null || Math.abs(r.meanDiff) > Math.abs(best.meanDiff))) best = r;
  return best?.set ?? fallback;
}

/** More parameter sets than this, and one set shown stands for little: the report says so. */
export const MANY_SETS = 6;

/** Every condition varied takes a different value in every set (as a Latin hypercube's points do). */
export function scatteredSets(sets: readonly Record<string, number>[]): boolean {
  const names = [...new Set(sets.flatMap((s) => Object.keys(s)))];
  const varying = names.filter((c) => new Set(sets.map((s) => s[c])).size >= 2);
  return sets.length > 2 && varying.length >= 2 && varying.every((c) => sets.every((s) => s[c] !== undefined) && new Set(sets.map((s) => s[c])).size === sets.length);
}

/** The set nearest the centre of the ranges the sets span (each condition scaled to [0, 1]; the first on ties). */
export function centreSet(sets: readonly Record<string, number>[]): number {
  const names = [...new Set(sets.flatMap((s) => Object.keys(s)))];
  const span = new Map(names.map((c) => { const vs = sets.map((s) => s[c]).filter((v) => v !== undefined); return [c, [Math.min(...vs), Math.max(...vs)] as const]; }));
  let best = 0, bestD = Infinity;
  sets.forEach((s, k) => {
    let d = 0;
    for (const [c, [lo, hi]] of span) if (hi > lo && s[c] !== undefined) d += ((s[c] - lo) / (hi - lo) - 0.5) ** 2;
    if (d < bestD) { bestD = d; best = k; }
  });
  return best;
}

/**
 * The set shown when one is: the scenario as written when the plan has it; else, among many sets
 * (more than {@link MANY_SETS}, or scattered), the one nearest the centre of their ranges, with a
 * note that it is one point of many (and, when there are comparisons, that the counts and maps
 * summarise all of them); else the first.
 */
export function shownSet(sets: readonly Record<string, number>[], compared: boolean): { baseSet: number; baseWords: string; baseNote: string | null } {
  const P = sets.length;
  const asWritten = sets.findIndex((s) => Object.keys(s).length === 0);
  const scattered = scatteredSets(sets);
  const many = asWritten < 0 && (P > MANY_SETS || scattered);
  const baseSet = asWritten >= 0 ? asWritten : many ? centreSet(sets) : 0;
  const baseWords = Object.keys(sets[baseSet] ?? {}).length === 0 ? 'as written' : `parameter set ${baseSet} (${paramsLabel(sets[baseSet] ?? {})})`;
  const summaries = compared ? ': the counts of “Which hypothesis leads” and the maps of “Where each hypothesis wins” summarise all of them' : '';
  const baseNote = many ? `The experiment has ${P} parameter sets${scattered ? ', scattered points where every condition varied takes a different value (as a Latin hypercube spreads them)' : ''}. What is shown here is one of them, ${baseWords}, the one nearest the centre of the ranges: one point of ${P}, not an overall result${summaries}.` : null;
  return { baseSet, baseWords, baseNote };
}

export interface ExperimentContext {
  input: ExperimentInput;
  plan: ExperimentInput['plan'];
  man: ExperimentInput['manifest'];
  summary: ExperimentInput['summary'];
  comparisons: ExperimentInput['comparisons'];
  found: ExperimentInput['scenarios'];
  /** `dataHref`: the experiment folder, relative to the report's file (for links to its files). */
  ctx: { chartsHref: string; reportCommand: string; dataHref?: string };
  /** Draws a chart into the report and returns its figure. */
  fig: (spec: Parameters<ChartSet['add']>[0]) => Html;
  /** Scenarios, parameter sets, replications and hypotheses. */
  S: number; P: number; R: number; H: number;
  /** The first comparison, when there are two hypotheses. */
  c0: Comparison | undefined;
  /** The interval level, in percent. */
  level: number;
  setLabel: (k: number) => string;
  /** The set shown when one is, and its words. */
  baseSet: number;
  baseWords: string;
  /**
   * When the plan has many parameter sets (more than {@link MANY_SETS}, or a Latin hypercube's
   * scattered points) and none as written: a sentence saying the set shown is one of them, the
   * one nearest the centre of the ranges; else null.
   */
  baseNote: string | null;
  headline: string;
  A: string;
  B: string;
  /** Each scenario's set of largest difference on the headline metric. */
  trajectorySet: Map<string, number>;
  /** The rows of steps.csv drawn. */
  steps: StepRow[];
  wall: string;
}

export function experimentContext(input: ExperimentInput, charts: ChartSet, ctx: { chartsHref: string; reportCommand: string; dataHref?: string }): ExperimentContext {
  const { plan, manifest: man, summary, comparisons, scenarios: found } = input;
  const fig = (spec: Parameters<ChartSet['add']>[0]) => figure(charts.add(spec), ctx.chartsHref);
  const S = plan.scenarios.length, P = plan.sets.length, R = plan.replications, H = plan.hypotheses.length;
  const c0 = comparisons[0] as Comparison | undefined;
  const level = Math.round((c0?.level ?? plan.analysis?.level ?? 0.95) * 100);
  const setLabel = (k: number) => paramsLabel(plan.sets[k] ?? {});
  const { baseSet, baseWords, baseNote } = shownSet(plan.sets, comparisons.length > 0);
  // The headline: partner belief at the end (MODEL 10.1), a partner-pair metric that the starting value does not decide.
  // A neutral metric (the agreement network's) is never the headline: no hypothesis leads on it.
  const headline = plan.metrics.includes('partnerBelief') ? 'partnerBelief' : (plan.metrics.find((m) => !isNeutral(m)) ?? plan.metrics[0]);
  const A = c0?.a ?? plan.hypotheses[0], B = c0?.b ?? plan.hypotheses[1] ?? '';

  // The rows of steps.csv drawn: mean trust, for the base set and each scenario's set of largest difference.
  const trajectorySet = new Map(plan.scenarios.map((s) => [s.name, setOfLargestDifference(c0, s.name, headline, baseSet)]));
  const wanted = new Map(plan.scenarios.map((s) => [s.name, new Set([baseSet, trajectorySet.get(s.name)!])]));
  const steps: StepRow[] = readSteps(join(input.dir, 'steps.csv'), (scenario, set, metric) => metric === 'meanTrust' && (wanted.get(scenario)?.has(set) ?? false));
  const wall = typeof man.wallSeconds === 'number' ? `${man.wallSeconds.toFixed(1)} s` : 'not recorded';
  return { input, plan, man, summary, comparisons, found, ctx, fig, S, P, R, H, c0, level, setLabel, baseSet, baseWords, baseNote, headline, A, B, trajectorySet, steps, wall };
}
